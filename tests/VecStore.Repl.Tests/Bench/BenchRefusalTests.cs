using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary>Settings the engine does not execute yet, or that make no sense, end the bench with a clear error and exit code 1, never a crash.</summary>
public sealed class BenchRefusalTests
{
    [Theory]
    [InlineData("--index ivfpq --param foo=1", "Error: cannot build the ivfpq index: the engine rejected\n  CREATE INDEX bench_index ON bench USING IVFPQ (v) WITH (foo = 1)\nVECSQL0121 ")]
    [InlineData("--index hnsw --param m=1", "Error: cannot build the hnsw index: the engine rejected\n  CREATE INDEX bench_index ON bench USING HNSW (v) WITH (m = 1)\nVECSQL0121 ")]
    public void Settings_the_engine_rejects_end_with_its_error(string options, string expected)
    {
        using var folder = new TempDirectory();

        var (exitCode, output, error) = BenchInvocation.Run(["--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, .. options.Split(' ')]);

        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith(expected, ErrorPart(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dataset nowhere", "Error: no dataset 'nowhere': expected a folder nowhere/ with meta.json under --data ")]
    [InlineData("--dataset synth:n=100", "Error: --dataset synth:n=100 lacks d; expected synth:n=COUNT,d=DIMENSIONS")]
    [InlineData("--dataset synth:n=100,d=4,colour=red", "Error: unknown key 'colour' in --dataset synth:n=100,d=4,colour=red;")]
    [InlineData("--dataset synth:n=100,d=4 --metric hamming", "Error: --metric hamming applies to bit vectors: add --element bit\n")]
    [InlineData("--dataset synth:n=100,d=4 --element bit --metric l2", "Error: --element bit measures hamming or jaccard distance, not l2\n")]
    [InlineData("--dataset synth:n=100,d=4 --param m=16", "Error: --index flat has no build parameters (--param); it is the exact scan of the table\n")]
    [InlineData("--dataset synth:n=100,d=4 --k 5", "Error: --k 5: recall@10 needs at least 10 results\n")]
    [InlineData("--dataset synth:n=100,d=4 --sweep ef_search", "Error: --sweep ef_search: expected NAME=VALUE, such as --sweep m=16\n")]
    [InlineData("--dataset synth:n=100,d=4 --plot-size big", "Error: --plot-size big: expected WIDTHxHEIGHT in pixels, such as 1000x700\n")]
    public void Options_that_cannot_be_measured_are_refused(string options, string expected)
    {
        using var folder = new TempDirectory();

        var (exitCode, output, error) = BenchInvocation.Run(["--data", folder.Path, .. options.Split(' ')]);

        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith(expected, ErrorPart(error), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_index_method_is_a_usage_error()
    {
        var (exitCode, _, _) = BenchInvocation.Run("--dataset", "synth:n=100,d=4", "--index", "lsh");

        Assert.NotEqual(0, exitCode);
    }

    // The error, without the progress notes ("bench: ...") printed before it.
    private static string ErrorPart(string error)
    {
        int start = error.IndexOf("Error: ", StringComparison.Ordinal);
        Assert.True(start >= 0 && !error.Contains("Internal error", StringComparison.Ordinal), error);
        return error[start..];
    }
}
