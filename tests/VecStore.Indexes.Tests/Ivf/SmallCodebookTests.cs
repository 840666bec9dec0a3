using VecStore.Indexes.Ivf;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>The 16-codewords-per-register search finds the nearest codeword a plain loop finds, whatever the padding.</summary>
public sealed class SmallCodebookTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 17)]
    [InlineData(8, 256)]
    [InlineData(16, 100)]
    [InlineData(32, 33)]
    public void Nearest_equals_the_plain_nearest_codeword(int dimensions, int count)
    {
        if (!SmallCodebook.Supports(dimensions))
        {
            return; // No 512-bit vectors: CentroidSet keeps its one-at-a-time search, tested elsewhere.
        }

        var random = new Random(dimensions * 1000 + count);
        float[] codewords = new float[dimensions * count];
        for (int i = 0; i < codewords.Length; i++)
        {
            codewords[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var book = new SmallCodebook(codewords, dimensions);
        float[] point = new float[dimensions];
        int near = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            for (int s = 0; s < dimensions; s++)
            {
                point[s] = (float)(random.NextDouble() * 2 - 1);
            }

            // Trial 0 asks for a codeword itself; exact hits must win outright.
            if (trial == 0)
            {
                codewords.AsSpan((count - 1) * dimensions, dimensions).CopyTo(point);
            }

            int found = book.Nearest(point);
            int expected = 0;
            double bestDistance = double.MaxValue;
            for (int c = 0; c < count; c++)
            {
                double distance = 0;
                for (int s = 0; s < dimensions; s++)
                {
                    double diff = point[s] - codewords[(c * dimensions) + s];
                    distance += diff * diff;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    expected = c;
                }
            }

            if (found != expected)
            {
                // Only a near-tie may part the float rank from the double distance.
                double foundDistance = 0;
                for (int s = 0; s < dimensions; s++)
                {
                    double diff = point[s] - codewords[(found * dimensions) + s];
                    foundDistance += diff * diff;
                }

                Assert.True(foundDistance - bestDistance <= 1e-5, $"trial {trial}: {found} at {foundDistance} vs {expected} at {bestDistance}");
                near++;
            }

            Assert.True(trial != 0 || found == count - 1 || count == 1);
        }

        Assert.True(near <= 2, $"{near} near-ties of 500");
    }

    [Fact]
    public void A_tie_goes_to_the_smaller_codeword_number()
    {
        if (!SmallCodebook.Supports(2))
        {
            return;
        }

        // Codewords 3 and 20 are the same point, in different lanes and groups.
        float[] codewords = new float[2 * 40];
        for (int c = 0; c < 40; c++)
        {
            codewords[2 * c] = 10 + c;
            codewords[(2 * c) + 1] = 10 + c;
        }

        codewords[6] = codewords[40] = 0.5f;
        codewords[7] = codewords[41] = -0.5f;
        Assert.Equal(3, new SmallCodebook(codewords, 2).Nearest([0.5f, -0.5f]));
    }
}
