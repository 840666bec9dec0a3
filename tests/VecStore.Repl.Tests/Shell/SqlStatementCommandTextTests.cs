using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Shell;

/// <summary>The text handed to the engine puts the statement where it stood, so error positions point into the input.</summary>
public sealed class SqlStatementCommandTextTests
{
    [Fact]
    public void CommandText_pads_to_the_starting_line_and_column()
    {
        var statement = new SqlStatement("SELECT 1", Line: 3, Column: 5);

        Assert.Equal("\n\n    SELECT 1", statement.CommandText);
    }

    [Fact]
    public void Engine_reports_errors_at_the_position_in_the_input()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = new SqlStatement("SELECT nope", Line: 4, Column: 11).CommandText;

        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());

        Assert.Equal((4, 18), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("select 1", "SELECT")]
    [InlineData("EXPLAIN SELECT 1", "EXPLAIN")]
    [InlineData("'text'", "")]
    public void Verb_is_the_first_word_in_upper_case(string text, string verb) =>
        Assert.Equal(verb, new SqlStatement(text, 1, 1).Verb);
}
