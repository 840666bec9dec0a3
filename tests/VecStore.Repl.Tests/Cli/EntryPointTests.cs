using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Cli;

/// <summary>The entry point run in-process: exit codes, SQL given as an argument, options.</summary>
public sealed class EntryPointTests
{
    [Fact]
    public void Version_prints_the_version()
    {
        var (exitCode, output) = Run("", "--version");

        Assert.Equal((0, "0.1.0\n"), (exitCode, output));
    }

    [Fact]
    public void Help_describes_the_command_and_the_demo()
    {
        var (exitCode, output) = Run("", "--help");

        Assert.True(exitCode == 0 && output.Contains("--bail", StringComparison.Ordinal) && output.Contains("demo", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Sql_argument_runs_and_exits_zero()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = Run("", folder.File("a.vdb"), "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2); SELECT count(*) AS n FROM t");

        Assert.Equal((0, "OK\nOK (2 rows affected)\n n\n---\n 2\n(1 row)\n\n"), (exitCode, output));
    }

    [Fact]
    public void Sql_argument_stops_at_the_first_error_and_exits_one()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = Run("", folder.File("a.vdb"), "SELECT nope; CREATE TABLE t (id INTEGER PRIMARY KEY)\n.tables");

        Assert.Equal((1, false), (exitCode, output.Contains("(no tables)", StringComparison.Ordinal) || output.Contains("\nt\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Script_goes_on_after_an_error_and_exits_one()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = Run("SELECT nope;\n.tables\n", folder.File("a.vdb"));

        Assert.Equal((1, true), (exitCode, output.EndsWith("(no tables)\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Timer_prints_the_run_time_of_each_statement()
    {
        var (_, output) = Run(".timer on\nSELECT 1;\n.timer off\nSELECT 2;\n");

        Assert.Single(output.Split('\n'), line => line.StartsWith("Run time: ", StringComparison.Ordinal) && line.EndsWith(" ms", StringComparison.Ordinal));
    }

    [Fact]
    public void No_file_means_an_in_memory_database()
    {
        var (exitCode, output) = Run("CREATE TABLE t (id INTEGER PRIMARY KEY);\n.tables\n");

        Assert.Equal((0, "OK\nt\n"), (exitCode, output));
    }

    [Fact]
    public void A_database_that_cannot_be_opened_is_an_error()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = Run("", "--readonly", folder.File("missing.vdb"), "SELECT 1");

        Assert.Equal((1, true), (exitCode, output.StartsWith("Error: VECSQL", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\\q")]
    [InlineData("exit")]
    [InlineData("quit")]
    [InlineData("  QUIT;")]
    public void Psql_and_plain_words_leave_the_shell(string word)
    {
        var (exitCode, output) = Run($"SELECT 1 AS first;\n{word}\nSELECT 2 AS second;\n");

        Assert.Equal((0, true, false), (exitCode, output.Contains("first", StringComparison.Ordinal), output.Contains("second", StringComparison.Ordinal)));
    }

    [Fact]
    public void Exit_inside_a_statement_is_part_of_the_statement()
    {
        var (exitCode, output) = Run("SELECT\nexit;\nSELECT 2 AS second;\n");

        Assert.Equal((1, true), (exitCode, output.Contains("second", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unknown_option_exits_non_zero()
    {
        var (exitCode, _) = Run("", "--no-such-option");

        Assert.NotEqual(0, exitCode);
    }

    private static (int ExitCode, string Output) Run(string input, params string[] args) => InProcessShell.Run(input, args);
}
