using VecStore.Repl.Bench;

namespace VecStore.Repl.Tests.Bench;

/// <summary>The built-in data: the synth spec, the seeded generator, and exact ground truth against a full sort.</summary>
public sealed class BenchDatasetTests
{
    [Fact]
    public void Spec_reads_counts_with_suffixes_and_fills_defaults()
    {
        var spec = SyntheticSpec.Parse("synth:n=10k,d=32,metric=cosine,seed=5");

        Assert.Equal(("synth:n=10000,d=32,metric=cosine,seed=5,nq=1000,clusters=100", 10000, 32, BenchMetric.Cosine), (spec.Name, spec.Count, spec.Dimensions, spec.Metric));
    }

    [Fact]
    public void Generator_output_depends_only_on_the_spec()
    {
        var spec = SyntheticSpec.Parse("synth:n=5000,d=8,nq=10,seed=3");

        var (first, _) = GaussianMixture.Generate(spec);
        var (second, queries) = GaussianMixture.Generate(spec);

        Assert.Equal(first.Values, second.Values);
        Assert.Equal(10, queries.Rows);
        Assert.NotEqual(first.Row(0).ToArray(), first.Row(1).ToArray());
    }

    [Fact]
    public void Cosine_data_is_unit_length()
    {
        var (vectors, _) = GaussianMixture.Generate(SyntheticSpec.Parse("synth:n=100,d=16,metric=cosine,nq=5"));

        Assert.All(Enumerable.Range(0, vectors.Rows), r => Assert.Equal(1.0, System.Numerics.Tensors.TensorPrimitives.Norm(vectors.Row(r)), 4));
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    [InlineData("ip")]
    [InlineData("l1")]
    [InlineData("hamming")]
    [InlineData("jaccard")]
    public void Ground_truth_equals_a_full_sort_by_distance_then_id(string metricName)
    {
        var metric = BenchNames.ParseMetric(metricName)!.Value;
        var (vectors, queries) = GaussianMixture.Generate(SyntheticSpec.Parse("synth:n=300,d=12,nq=20,seed=11"));

        var truth = ExactNeighbors.Compute(vectors, queries, metric, depth: 10);

        for (int q = 0; q < queries.Rows; q++)
        {
            var expected = Enumerable.Range(0, vectors.Rows)
                .Select(r => (Distance: Distance(metric, queries.Row(q).ToArray(), vectors.Row(r).ToArray()), Id: r))
                .OrderBy(p => p.Distance).ThenBy(p => p.Id).Take(10).Select(p => p.Id);
            Assert.Equal(expected, truth.Of(q).ToArray());
        }
    }

    private static double Distance(BenchMetric metric, float[] q, float[] x)
    {
        var pairs = q.Zip(x, (a, b) => ((double)a, (double)b)).ToArray();
        switch (metric)
        {
            case BenchMetric.L2:
                return pairs.Sum(p => (p.Item1 - p.Item2) * (p.Item1 - p.Item2));
            case BenchMetric.L1:
                return pairs.Sum(p => Math.Abs(p.Item1 - p.Item2));
            case BenchMetric.InnerProduct:
                return -pairs.Sum(p => p.Item1 * p.Item2);
            case BenchMetric.Cosine:
                return 1 - pairs.Sum(p => p.Item1 * p.Item2) / Math.Sqrt(pairs.Sum(p => p.Item1 * p.Item1) * pairs.Sum(p => p.Item2 * p.Item2));
            default:
                int differ = pairs.Count(p => p.Item1 > 0 != p.Item2 > 0), both = pairs.Count(p => p.Item1 > 0 && p.Item2 > 0), either = pairs.Count(p => p.Item1 > 0 || p.Item2 > 0);
                return metric == BenchMetric.Hamming ? differ : either == 0 ? 0 : 1 - (double)both / either;
        }
    }
}
