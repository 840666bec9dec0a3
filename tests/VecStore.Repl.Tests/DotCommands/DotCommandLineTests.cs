using VecStore.Repl.DotCommands;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.DotCommands;

/// <summary>A dot-command line splits into a lower-case name and its arguments, quotes allowing spaces.</summary>
public sealed class DotCommandLineTests
{
    [Fact]
    public void Parse_splits_name_and_arguments()
    {
        var line = DotCommandLine.Parse("  .MODE   csv  ");

        Assert.Equal("mode", line.Name);
        Assert.Equal(["csv"], line.Arguments);
    }

    [Theory]
    [InlineData(".read 'my script.sql'", "my script.sql")]
    [InlineData(".read \"my script.sql\"", "my script.sql")]
    [InlineData(".read plain.sql", "plain.sql")]
    public void Parse_unquotes_an_argument(string text, string argument) =>
        Assert.Equal([argument], DotCommandLine.Parse(text).Arguments);

    [Fact]
    public void TextFrom_keeps_the_rest_of_the_line_as_typed() =>
        Assert.Equal("(SELECT v  FROM t WHERE name = 'a b')", DotCommandLine.Parse(".param set q (SELECT v  FROM t WHERE name = 'a b')").TextFrom(2));

    [Fact]
    public void Parse_rejects_an_unclosed_quote()
    {
        var error = Assert.Throws<ShellException>(() => DotCommandLine.Parse(".read 'open"));

        Assert.Equal("the argument starting at 'open is missing its closing '", error.Message);
    }

    [Theory]
    [InlineData(".tables", true)]
    [InlineData("   .help", true)]
    [InlineData("SELECT 1;", false)]
    [InlineData("", false)]
    public void IsDotCommand_looks_at_the_first_non_blank_character(string line, bool expected) =>
        Assert.Equal(expected, DotCommandLine.IsDotCommand(line));
}
