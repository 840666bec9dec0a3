using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerNumberLiteralTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("42")]
    [InlineData("007")]
    [InlineData("99999999999999999999999")]
    public void Tokenize_reads_digits_as_an_integer(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.IntegerLiteral, text), token);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("3e-3")]
    [InlineData("3E+3")]
    [InlineData("3e3")]
    [InlineData("1.5e10")]
    [InlineData("1.e5")]
    [InlineData(".5E-1")]
    public void Tokenize_reads_a_fraction_or_exponent_as_a_real(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.RealLiteral, text), token);
    }

    [Fact]
    public void Tokenize_reads_a_leading_minus_as_its_own_token()
    {
        var tokens = LexClean("-2");

        Assert.Equal([(TokenKind.Minus, "-"), (TokenKind.IntegerLiteral, "2")], tokens);
    }

    [Fact]
    public void Tokenize_reads_a_dot_between_names_as_a_dot()
    {
        var tokens = LexClean("t.c");

        Assert.Equal([TokenKind.Identifier, TokenKind.Dot, TokenKind.Identifier], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Tokenize_stops_a_number_at_an_operator()
    {
        var tokens = LexClean("1+2.5*3e2");

        Assert.Equal(
            [(TokenKind.IntegerLiteral, "1"), (TokenKind.Plus, "+"), (TokenKind.RealLiteral, "2.5"),
             (TokenKind.Star, "*"), (TokenKind.RealLiteral, "3e2")],
            tokens);
    }

    [Theory]
    [InlineData("12abc")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("0x1F")]
    [InlineData("1.2.3")]
    [InlineData("1_000")]
    public void Tokenize_reports_a_number_that_runs_into_other_characters(string text)
    {
        var (tokens, diagnostics) = Lex(text);

        Assert.Empty(tokens);
        var error = Assert.Single(diagnostics);
        Assert.Equal(ErrorCode.InvalidNumber, error.Code);
        Assert.Equal(new(0, text.Length), error.Span);
        Assert.Equal($"'{text}' is not a valid number", error.Message);
    }
}
