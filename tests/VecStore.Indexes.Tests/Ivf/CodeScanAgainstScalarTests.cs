using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>The IVFPQ inner loops against their plain twins: the code scan bit for bit, the decoding scan and the vectorised distance tables within rounding.</summary>
public sealed class CodeScanAgainstScalarTests
{
    private const int Codewords = ProductQuantizer.Codewords;

    [Fact]
    public void Scan_scores_every_code_bit_for_bit_as_the_scalar_sum_in_slice_order()
    {
        Random random = RandomVectors.Create(80);
        for (int m = 1; m <= 40; m++)
        {
            foreach (int count in (int[])[0, 1, 3, 4, 5, 8, 9, 67])
            {
                // Values of very different size make the sum's rounding depend on its order.
                float[] table = new float[m * Codewords];
                for (int i = 0; i < table.Length; i++)
                {
                    table[i] = (float)Math.ScaleB(random.NextDouble(), random.Next(-20, 20));
                }

                var list = new InvertedList(m);
                var code = new byte[m];
                for (int i = 0; i < count; i++)
                {
                    random.NextBytes(code);
                    list.Append(1000 + i, code);
                }

                float bias = (float)(random.NextDouble() * 100) - 50;
                var storage = new Neighbor[Math.Max(1, count)];
                var top = new TopK(storage);
                CodeScan.Scan(table, bias, list.Read(), list: 3, m, default(AcceptAll), ref top);

                Assert.Equal(count, top.Count);
                foreach (Neighbor n in top.Items)
                {
                    Assert.Equal(3, IvfChecks.ListOf(n.Id));
                    int position = IvfChecks.PositionOf(n.Id);
                    Assert.Equal(CodeScan.Score(table, bias, list.Entry(position)), n.Distance);
                }
            }
        }
    }

    [Fact]
    public void Scan_skips_tombstones_and_rejected_ids()
    {
        const int M = 16;
        var list = new InvertedList(M);
        for (int i = 0; i < 20; i++)
        {
            list.Append(i, new byte[M]);
        }

        list.MarkDeleted(4);
        list.MarkDeleted(13);
        var storage = new Neighbor[20];
        var top = new TopK(storage);
        CodeScan.Scan(new float[M * Codewords], 0f, list.Read(), 0, M, default(EvenIds), ref top);

        long[] ids = [.. top.Items.ToArray().Select(n => list.IdAt(IvfChecks.PositionOf(n.Id))).Order()];
        Assert.Equal([0, 2, 6, 8, 10, 12, 14, 16, 18], ids);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Decoding_scan_scores_each_code_as_the_squared_distance_to_its_decoding(int registersPerSlice)
    {
        Random random = RandomVectors.Create(90 + registersPerSlice);
        int sub = registersPerSlice * System.Numerics.Vector<float>.Count;
        foreach (int m in (int[])[1, 2, 3, 7])
        {
            int d = m * sub;
            float[] residual = RandomVectors.Uniform(random, 1, d);
            var quantizer = new ProductQuantizer(d, m, RandomVectors.Uniform(random, Codewords, d));
            var table = new float[m * Codewords];
            quantizer.ComputeTable(residual, table);
            var list = new InvertedList(m);
            var code = new byte[m];
            for (int i = 0; i < 9; i++)
            {
                random.NextBytes(code);
                list.Append(i, code);
            }

            Assert.True(DecodingScan.Suits(list.Count, sub));
            var top = new TopK(new Neighbor[9]);
            DecodingScan.Scan(residual, quantizer.Codebooks, sub, list.Read(), 5, default(AcceptAll), ref top);

            Assert.Equal(9, top.Count);
            foreach (Neighbor n in top.Items)
            {
                ReadOnlySpan<byte> stored = list.Entry(IvfChecks.PositionOf(n.Id));
                float expected = DecodingScan.Score(residual, quantizer.Codebooks, sub, stored);
                Assert.Equal(expected, n.Distance, 1e-5f * (1 + expected));

                // The same quantity the table gives, up to the order of the additions.
                Assert.Equal(CodeScan.Score(table, 0f, stored), n.Distance, 1e-5f * (1 + expected));
            }
        }

        Assert.False(DecodingScan.Suits(Codewords, sub));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    public void Tables_match_the_scalar_fill_within_rounding(int subDimensions)
    {
        Random random = RandomVectors.Create(81 + subDimensions);
        int m = 3;
        int d = m * subDimensions;
        float[] query = RandomVectors.Uniform(random, 1, d);
        float[] codebooks = RandomVectors.Uniform(random, Codewords, d);
        var quantizer = new ProductQuantizer(d, m, codebooks);
        var fast = new float[m * Codewords];
        var plain = new float[m * Codewords];

        quantizer.ComputeTable(query, fast);
        DistanceTable.Scalar<DistanceTable.SquaredDifference>(query, quantizer.Columns, subDimensions, plain);
        AssertClose(plain, fast);
        for (int j = 0; j < m; j++)
        {
            for (int c = 0; c < Codewords; c++)
            {
                // Against the definition, read from the codebooks as they were given.
                float expected = SquaredL2.Scalar(query.AsSpan(j * subDimensions, subDimensions), codebooks.AsSpan(((j * Codewords) + c) * subDimensions, subDimensions));
                Assert.Equal(expected, plain[(j * Codewords) + c], 1e-4f * (1 + expected));
            }
        }

        quantizer.ComputeInnerProductTable(query, fast);
        DistanceTable.Scalar<DistanceTable.NegatedProduct>(query, quantizer.Columns, subDimensions, plain);
        AssertClose(plain, fast);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f * (1 + Math.Abs(expected[i])));
        }
    }
}
