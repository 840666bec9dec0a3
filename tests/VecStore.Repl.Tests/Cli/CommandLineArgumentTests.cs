using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Cli;

/// <summary>The command line as sqlite3 users type it: SQL where the file should be, several SQL arguments, help texts.</summary>
public sealed class CommandLineArgumentTests
{
    [Theory]
    [InlineData("SELECT 1;")]
    [InlineData("select count(*) from docs")]
    [InlineData(".tables")]
    public void Sql_given_as_the_file_is_refused_and_creates_nothing(string sql)
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", sql);

        Assert.Equal((1, $"Error: '{sql}' is not a database file (there is no such file) but reads as SQL; nothing was created.", 0),
            (exitCode, output.Split('\n')[0], Directory.GetFileSystemEntries(folder.Path).Length));
        Assert.Contains("vecstore :memory: \"SELECT 1;\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_name_reads_as_sql_still_opens_when_it_exists()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "./select", "CREATE TABLE t (id INTEGER PRIMARY KEY)");

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "select", ".tables");

        Assert.Equal((0, "t\n"), (exitCode, output));
    }

    [Fact]
    public void Several_sql_arguments_run_in_turn()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "a.vdb",
            "CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)", ".mode csv", "SELECT count(*) AS n FROM t");

        Assert.Equal((0, "OK\nOK (2 rows affected)\nn\n2\n"), (exitCode, output));
    }

    [Fact]
    public void Sql_arguments_stop_at_the_first_error()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", ":memory:", "SELECT 1 AS one", "SELECT nope", "SELECT 3 AS three");

        Assert.Equal((1, false), (exitCode, output.Contains("three", StringComparison.Ordinal)));
        Assert.StartsWith(" one\n-----\n   1\n(1 row)\n\nError: VECSQL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_on_the_command_line_points_at_help_instead_of_printing_it()
    {
        var (exitCode, output) = Run("--no-such-option");

        Assert.Equal((1, false, true), (exitCode, output.Contains("Options:", StringComparison.Ordinal), output.EndsWith("Run 'vecstore --help' for the usage.\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("check")]
    [InlineData("demo")]
    [InlineData("bench")]
    [InlineData(null)]
    public void Help_names_each_argument_once(string? command)
    {
        var (_, output) = Run(command is null ? ["--help"] : [command, "--help"]);

        var usage = output.Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First();
        var arguments = output.Split('\n').SkipWhile(l => l != "Arguments:").Skip(1).TakeWhile(l => l.Length > 0)
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.Equal(arguments.Distinct().Count(), arguments.Count);
        if (command is not null)
            Assert.Matches($@"^  \S+ {command} ", usage); // the program name is the test host in-process
    }

    [Theory]
    [InlineData("check")]
    [InlineData("demo")]
    [InlineData("bench")]
    [InlineData(null)]
    public void Help_names_no_file_the_repository_lacks(string? command)
    {
        var (_, output) = Run(command is null ? ["--help"] : [command, "--help"]);

        string root = RepositoryRoot();
        foreach (System.Text.RegularExpressions.Match file in System.Text.RegularExpressions.Regex.Matches(output, @"[\w./-]+\.(md|py|txt)\b"))
            Assert.True(File.Exists(Path.Combine(root, file.Value)), $"vecstore {command} --help names {file.Value}, which is not in the repository");
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    private static (int ExitCode, string Output) Run(params string[] args) => InProcessShell.Run("", args);
}
