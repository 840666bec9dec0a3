using System.Globalization;

namespace VecStore.Repl.Bench;

/// <summary>The parameters of a built-in synthetic dataset, written <c>synth:n=100000,d=128,metric=l2,seed=1,nq=1000</c>.</summary>
/// <param name="Count">Base vectors (<c>n</c>; <c>100k</c> and <c>1m</c> are accepted).</param>
/// <param name="Dimensions">Dimensions (<c>d</c>).</param>
/// <param name="Metric"><c>l2</c>, or <c>cosine</c> for unit-length vectors shaped like text embeddings.</param>
/// <param name="Seed">Fixes every vector (<c>seed</c>, default 1).</param>
/// <param name="Queries">Query vectors (<c>nq</c>, default 1000), drawn apart from the base.</param>
/// <param name="Clusters">Mixture components (<c>clusters</c>, default the square root of n, at least 10).</param>
internal sealed record SyntheticSpec(int Count, int Dimensions, BenchMetric Metric, ulong Seed, int Queries, int Clusters)
{
    /// <summary>The prefix that marks a synthetic dataset name.</summary>
    public const string Prefix = "synth:";

    /// <summary>The dataset's name in results: every parameter, in a fixed order.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"synth:n={Count},d={Dimensions},metric={BenchNames.ToSql(Metric)},seed={Seed},nq={Queries},clusters={Clusters}");

    /// <summary>True when <paramref name="name"/> names a synthetic dataset.</summary>
    public static bool IsSynthetic(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>synth:key=value,...</c>; <c>n</c> and <c>d</c> are required.</summary>
    /// <exception cref="BenchException">A key is unknown, missing or has a bad value.</exception>
    public static SyntheticSpec Parse(string name)
    {
        const string Usage = "expected synth:n=COUNT,d=DIMENSIONS[,metric=l2|cosine][,seed=N][,nq=QUERIES][,clusters=N]";
        int? count = null, dimensions = null, queries = null, clusters = null;
        ulong seed = 1;
        var metric = BenchMetric.L2;
        foreach (var part in name[Prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new BenchException($"'{part}' in --dataset {name} is not key=value; {Usage}");
            string key = part[..equals].Trim().ToLowerInvariant(), value = part[(equals + 1)..].Trim();
            switch (key)
            {
                case "n":
                    count = PositiveCount(value, key, name);
                    break;
                case "d":
                    dimensions = PositiveCount(value, key, name);
                    break;
                case "nq":
                    queries = PositiveCount(value, key, name);
                    break;
                case "clusters":
                    clusters = PositiveCount(value, key, name);
                    break;
                case "seed":
                    seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new BenchException($"seed={value} in --dataset {name} is not a whole number");
                    break;
                case "metric":
                    metric = BenchNames.ParseMetric(value) is BenchMetric.L2 or BenchMetric.Cosine
                        ? BenchNames.ParseMetric(value)!.Value
                        : throw new BenchException($"metric={value} in --dataset {name}: the generator makes l2 or cosine data (--metric measures it under another metric)");
                    break;
                default:
                    throw new BenchException($"unknown key '{key}' in --dataset {name}; {Usage}");
            }
        }
        if (count is null || dimensions is null)
            throw new BenchException($"--dataset {name} lacks {(count is null ? "n" : "d")}; {Usage}");
        if ((long)count.Value * dimensions.Value > Array.MaxLength)
            throw new BenchException(string.Create(CultureInfo.InvariantCulture, $"--dataset {name} is too large: n × d must stay below {Array.MaxLength:N0} values"));
        int defaultClusters = Math.Max(10, (int)Math.Round(Math.Sqrt(count.Value)));
        return new SyntheticSpec(count.Value, dimensions.Value, metric, seed, queries ?? 1000, Math.Min(clusters ?? defaultClusters, count.Value));
    }

    private static int PositiveCount(string value, string key, string name)
    {
        long multiplier = 1;
        string digits = value.ToLowerInvariant();
        if (digits.EndsWith('k'))
            (multiplier, digits) = (1_000, digits[..^1]);
        else if (digits.EndsWith('m'))
            (multiplier, digits) = (1_000_000, digits[..^1]);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new BenchException($"{key}={value} in --dataset {name} is not a count");
        double total = number * multiplier;
        if (total < 1 || total > int.MaxValue || Math.Floor(total) != total)
            throw new BenchException($"{key}={value} in --dataset {name} must be a whole number from 1 to {int.MaxValue}");
        return (int)total;
    }
}
