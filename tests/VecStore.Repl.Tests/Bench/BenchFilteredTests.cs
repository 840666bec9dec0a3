using System.Globalization;
using System.Text.RegularExpressions;
using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Bench;

/// <summary>Filtered mode measures the unfiltered search in the same process and sets each planner point's latency against it.</summary>
public sealed class BenchFilteredTests
{
    [Fact]
    public void Filtered_mode_reports_the_unfiltered_search_and_the_planners_latency_over_it()
    {
        var (exitCode, output, error) = BenchInvocation.Run("--dataset", BenchInvocation.TinyDataset, "--index", "hnsw",
            "--filter-selectivity", "0.1,1", "--filter-kind", "independent", "--single-max-q", "60");
        Assert.True(exitCode == 0, error);

        var unfiltered = Regex.Match(output, @"^Unfiltered: [\d,.]+ QPS, ([\d.]+) ms a query, recall@10 ([\d.]+)$", RegexOptions.Multiline);
        Assert.True(unfiltered.Success, output);
        Assert.True(double.Parse(unfiltered.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
        Assert.InRange(double.Parse(unfiltered.Groups[2].Value, CultureInfo.InvariantCulture), 0.9, 1.0);

        Assert.Contains("auto / unfiltered", output, StringComparison.Ordinal);
        var ratios = Regex.Matches(output, @"^ independent \|\s+(0\.1|1) \|.*\|\s+([\d.]+)x \|\s+([\d.]+)x$", RegexOptions.Multiline);
        Assert.Equal(2, ratios.Count);
        Assert.All(ratios, r => Assert.True(double.Parse(r.Groups[3].Value, CultureInfo.InvariantCulture) > 0, r.Value));
    }
}
