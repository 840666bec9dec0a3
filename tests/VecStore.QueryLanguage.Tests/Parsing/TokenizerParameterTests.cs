using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerParameterTests
{
    [Theory]
    [InlineData("@q")]
    [InlineData("$q")]
    [InlineData("@query_vector2")]
    [InlineData("$1")]
    public void Tokenize_reads_a_prefix_and_a_name_as_a_named_parameter(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.NamedParameter, text), token);
    }

    [Fact]
    public void Tokenize_reads_each_question_mark_as_a_positional_parameter()
    {
        var tokens = LexClean("(?,?)");

        Assert.Equal(
            [TokenKind.LeftParen, TokenKind.PositionalParameter, TokenKind.Comma, TokenKind.PositionalParameter, TokenKind.RightParen],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Tokenize_ends_a_parameter_name_at_a_non_name_character()
    {
        var tokens = LexClean("@a.b");

        Assert.Equal([(TokenKind.NamedParameter, "@a"), (TokenKind.Dot, "."), (TokenKind.Identifier, "b")], tokens);
    }

    [Theory]
    [InlineData("@ q", '@')]
    [InlineData("$", '$')]
    public void Tokenize_reports_a_prefix_without_a_name(string text, char prefix)
    {
        var (_, diagnostics) = Lex(text);

        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnexpectedCharacter, new(0, 1)), (error.Code, error.Span));
        Assert.Equal($"expected a parameter name after '{prefix}'", error.Message);
    }
}
