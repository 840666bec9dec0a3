using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerDistanceOperatorTests
{
    [Theory]
    [InlineData("a<->b", TokenKind.L2Distance)]
    [InlineData("a<=>b", TokenKind.CosineDistance)]
    [InlineData("a<#>b", TokenKind.NegativeInnerProduct)]
    [InlineData("a<+>b", TokenKind.L1Distance)]
    [InlineData("a<~>b", TokenKind.HammingDistance)]
    [InlineData("a<%>b", TokenKind.JaccardDistance)]
    [InlineData("a<=b", TokenKind.LessOrEqual)]
    [InlineData("a<>b", TokenKind.NotEqual)]
    [InlineData("a<b", TokenKind.Less)]
    [InlineData("a>=b", TokenKind.GreaterOrEqual)]
    [InlineData("a==b", TokenKind.Equal)]
    [InlineData("a!=b", TokenKind.NotEqual)]
    public void Tokenize_takes_the_longest_operator_between_operands(string text, TokenKind kind)
    {
        var tokens = LexClean(text);

        Assert.Equal([TokenKind.Identifier, kind, TokenKind.Identifier], tokens.Select(t => t.Kind));
    }

    [Theory]
    [InlineData("a<-1", new[] { TokenKind.Identifier, TokenKind.Less, TokenKind.Minus, TokenKind.IntegerLiteral })]
    [InlineData("a<+1", new[] { TokenKind.Identifier, TokenKind.Less, TokenKind.Plus, TokenKind.IntegerLiteral })]
    [InlineData("a<=-1", new[] { TokenKind.Identifier, TokenKind.LessOrEqual, TokenKind.Minus, TokenKind.IntegerLiteral })]
    [InlineData("a<>>b", new[] { TokenKind.Identifier, TokenKind.NotEqual, TokenKind.Greater, TokenKind.Identifier })]
    [InlineData("a<=>>b", new[] { TokenKind.Identifier, TokenKind.CosineDistance, TokenKind.Greater, TokenKind.Identifier })]
    [InlineData("a < -> b", new[] { TokenKind.Identifier, TokenKind.Less, TokenKind.Minus, TokenKind.Greater, TokenKind.Identifier })]
    public void Tokenize_splits_a_near_miss_of_a_distance_operator_into_shorter_operators(string text, TokenKind[] kinds)
    {
        var tokens = LexClean(text);

        Assert.Equal(kinds, tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Tokenize_reports_a_hash_outside_the_inner_product_operator()
    {
        var (tokens, diagnostics) = Lex("a <# b");

        Assert.Equal([TokenKind.Identifier, TokenKind.Less, TokenKind.Identifier], tokens.Select(t => t.Kind));
        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnexpectedCharacter, new(3, 1)), (error.Code, error.Span));
        Assert.Equal("unexpected character '#'", error.Message);
    }
}
