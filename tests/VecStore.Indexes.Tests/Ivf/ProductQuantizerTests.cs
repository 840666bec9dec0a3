using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>Product quantization: reconstruction error against the spread of the data, shape checks, and tables that agree with decoding.</summary>
public sealed class ProductQuantizerTests
{
    private static float[] Flatten(HnswTestSet set)
    {
        float[] points = new float[set.Count * set.Dimensions];
        for (int i = 0; i < set.Count; i++)
        {
            set.Vectors[i].CopyTo(points, i * set.Dimensions);
        }

        return points;
    }

    /// <summary>Mean squared reconstruction error per vector after encoding and decoding every point.</summary>
    private static double ReconstructionError(ProductQuantizer quantizer, float[] points, int d)
    {
        var code = new byte[quantizer.M];
        var decoded = new float[d];
        double sum = 0;
        int n = points.Length / d;
        for (int i = 0; i < n; i++)
        {
            quantizer.Encode(points.AsSpan(i * d, d), code);
            quantizer.Decode(code, decoded);
            sum += SquaredL2.Compute(points.AsSpan(i * d, d), decoded);
        }

        return sum / n;
    }

    /// <summary>Mean squared distance of the points to their mean: what coding every point as the mean would cost.</summary>
    private static double Variance(float[] points, int d)
    {
        int n = points.Length / d;
        var mean = new double[d];
        for (int i = 0; i < points.Length; i++)
        {
            mean[i % d] += points[i] / (double)n;
        }

        double sum = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double delta = points[i] - mean[i % d];
            sum += delta * delta;
        }

        return sum / n;
    }

    [Fact]
    public void Reconstruction_error_is_well_below_the_variance_and_shrinks_with_more_slices()
    {
        HnswTestSet set = HnswTestSet.Create(40, VectorElement.Float32, Metric.L2, count: 3000);
        float[] points = Flatten(set);
        double variance = Variance(points, set.Dimensions);

        double coarse = ReconstructionError(ProductQuantizer.Train(points, set.Dimensions, 4, seed: 1, maxThreads: 2), points, set.Dimensions);
        double fine = ReconstructionError(ProductQuantizer.Train(points, set.Dimensions, 16, seed: 1, maxThreads: 2), points, set.Dimensions);

        Assert.True(coarse < variance / 4, $"m=4: error {coarse} against variance {variance}");
        Assert.True(fine < coarse, $"m=16: error {fine} not below m=4: {coarse}");
    }

    [Fact]
    public void The_tables_sum_to_the_distance_to_the_decoded_vector()
    {
        HnswTestSet set = HnswTestSet.Create(41, VectorElement.Float32, Metric.L2, count: 600);
        float[] points = Flatten(set);
        ProductQuantizer quantizer = ProductQuantizer.Train(points, set.Dimensions, 8, seed: 2, maxThreads: 2);
        var table = new float[quantizer.TableLength];
        var code = new byte[8];
        var decoded = new float[set.Dimensions];
        quantizer.ComputeTable(set.Queries[0], table);
        for (int i = 0; i < 50; i++)
        {
            quantizer.Encode(set.Vectors[i], code);
            quantizer.Decode(code, decoded);
            float expected = SquaredL2.Compute(set.Queries[0], decoded);
            Assert.Equal(expected, ProductQuantizer.Score(table, code), expected * 1e-4f);
        }

        // The inner-product table sums to minus the dot product with the decoded vector.
        quantizer.ComputeInnerProductTable(set.Queries[0], table);
        for (int i = 0; i < 50; i++)
        {
            quantizer.Encode(set.Vectors[i], code);
            quantizer.Decode(code, decoded);
            float expected = -DotProduct.Compute(set.Queries[0], decoded);
            Assert.Equal(expected, ProductQuantizer.Score(table, code), MathF.Abs(expected) * 1e-4f + 1e-4f);
        }
    }

    [Fact]
    public void Dimensions_that_do_not_divide_by_m_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ProductQuantizer.Train(new float[30 * 10], 30, 4, seed: 1, maxThreads: 1));
        Assert.Throws<ArgumentException>(() => new IvfPqIndex(VectorElement.Float32, 30, Metric.L2, new IvfPqOptions { M = 4 }));
    }

    [Fact]
    public void Fewer_training_vectors_than_codewords_still_give_valid_codes()
    {
        HnswTestSet set = HnswTestSet.Create(42, VectorElement.Float32, Metric.L2, count: 100);
        float[] points = Flatten(set);
        ProductQuantizer quantizer = ProductQuantizer.Train(points, set.Dimensions, 4, seed: 3, maxThreads: 1);

        // With 100 points and 100 codewords per slice every training point is coded exactly.
        Assert.True(ReconstructionError(quantizer, points, set.Dimensions) < 1e-6);
    }
}
