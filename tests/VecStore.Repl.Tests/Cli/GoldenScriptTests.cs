using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Cli;

/// <summary>
/// Runs each <c>Golden/NAME.sql</c> through the built <c>vecstore</c>, as <c>vecstore [args] test.vdb &lt; NAME.sql</c>
/// on a fresh database, and compares what it printed (standard output and error, as a terminal
/// shows them, then the exit code) with <c>Golden/NAME.expected.txt</c>.
/// </summary>
public sealed class GoldenScriptTests
{
    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_prints_its_expected_output(string scriptName)
    {
        using var folder = new TempDirectory();
        GoldenFiles.CopyScriptsTo(folder.Path);
        string script = File.ReadAllText(Path.Combine(folder.Path, scriptName));

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, script, [.. GoldenFiles.ArgumentsOf(script), "test.vdb"]);

        string expectedPath = Path.Combine(GoldenFiles.Folder, Path.ChangeExtension(scriptName, ".expected.txt"));
        Golden.Verify(expectedPath, output + $"[exit code {exitCode}]\n");
    }

    [Fact]
    public void Every_expected_output_has_its_script()
    {
        foreach (var expected in Directory.EnumerateFiles(GoldenFiles.Folder, "*.expected.txt"))
        {
            string script = expected[..^".expected.txt".Length] + ".sql";
            Assert.True(File.Exists(script), $"{Path.GetFileName(expected)} has no script {Path.GetFileName(script)}");
        }
    }

    public static TheoryData<string> Scripts() => GoldenFiles.Scripts();
}
