using VecStore.Repl.DotCommands;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.DotCommands;

/// <summary><c>.param set</c> reads literals the way SQL writes them, and takes a query's first value.</summary>
public sealed class ParameterLiteralTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");
    private readonly ShellContext _context;

    public ParameterLiteralTests()
    {
        _connection.Open();
        var output = new StringWriter();
        _context = new ShellContext(_connection, new StandardStreams(new StringReader(""), output, output));
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("2.5", 2.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("'it''s'", "it's")]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("NULL", null)]
    public void Literals_read_as_their_values(string text, object? expected) =>
        Assert.Equal(expected, ParameterLiteral.Evaluate(_context, text));

    [Fact]
    public void Vectors_read_as_float_arrays() =>
        Assert.Equal(new[] { 0.5f, -2f, 0.03f }, ParameterLiteral.Evaluate(_context, "[0.5, -2, 3e-2]"));

    [Fact]
    public void A_query_gives_its_first_value()
    {
        using var command = new VecStoreCommand("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2)); INSERT INTO t VALUES (1, [1, 2])", _connection);
        command.ExecuteNonQuery();

        Assert.Equal(new[] { 1f, 2f }, ParameterLiteral.Evaluate(_context, "(SELECT v FROM t WHERE id = 1)"));
    }

    [Theory]
    [InlineData("bare words", "cannot read the value bare words: use a number, 'text', a vector [0.1, 0.2], NULL, true, false or (SELECT ...)")]
    [InlineData("[1, x]", "component 2 of the vector, 'x', is not a number")]
    [InlineData("[]", "a vector needs at least one component")]
    [InlineData("'a'b'", "cannot read the value 'a'b': write a quote inside text as ''")]
    public void Other_text_is_an_error(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ShellException>(() => ParameterLiteral.Evaluate(_context, text)).Message);

    public void Dispose() => _connection.Dispose();
}
