using VecStore.Indexes.Ivf;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>k-means recovers well-separated clusters, re-seeds empty ones and rejects too small samples.</summary>
public sealed class KMeansTests
{
    [Fact]
    public void Recovers_well_separated_gaussian_clusters()
    {
        const int k = 8, d = 16, perCluster = 200;
        var random = new Random(5);
        float[] points = new float[k * perCluster * d];
        int[] truth = new int[k * perCluster];
        for (int i = 0; i < truth.Length; i++)
        {
            truth[i] = i % k;
            for (int j = 0; j < d; j++)
            {
                // Cluster c sits at 20 on axis c, far beyond the unit noise.
                points[(i * d) + j] = (j == truth[i] ? 20f : 0f) + (float)(random.NextDouble() - 0.5);
            }
        }

        float[] centroids = KMeans.Train(points, d, k, seed: 1, maxThreads: 2, spherical: false);

        var set = new CentroidSet(centroids, d);
        int[] centroidOfCluster = Enumerable.Repeat(-1, k).ToArray();
        for (int i = 0; i < truth.Length; i++)
        {
            int c = set.Nearest(points.AsSpan(i * d, d));
            if (centroidOfCluster[truth[i]] < 0)
            {
                centroidOfCluster[truth[i]] = c;
            }

            Assert.Equal(centroidOfCluster[truth[i]], c);
        }

        Assert.Equal(k, centroidOfCluster.Distinct().Count());
    }

    [Fact]
    public void Empty_cluster_takes_half_of_the_largest()
    {
        const int d = 2;
        float[] centroids = [1, 1, 5, 5, 9, 9];
        int[] sizes = [10, 0, 4];

        KMeans.SplitLargestIntoEmpty(centroids, sizes, d, new Random(1));

        Assert.Equal(5, sizes[0]);
        Assert.Equal(5, sizes[1]);
        Assert.NotEqual(centroids[0], centroids[2]);
        Assert.Equal(1f, centroids[2], 0.01f);
        Assert.Equal(9f, centroids[4]);
    }

    [Fact]
    public void Identical_points_leave_no_centroid_without_points()
    {
        // Every point equal: all but one cluster empties at each assignment; training must still finish with finite centroids.
        float[] points = Enumerable.Repeat(3f, 40 * 4).ToArray();

        float[] centroids = KMeans.Train(points, 4, 5, seed: 3, maxThreads: 1, spherical: false);

        Assert.All(centroids, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Fewer_points_than_centroids_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentException>(() => KMeans.Train(new float[3 * 4], 4, 5, seed: 1, maxThreads: 1, spherical: false));
        Assert.Contains("5 centroids but only 3 vectors", error.Message);
    }
}
