using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerCommentTests
{
    [Theory]
    [InlineData("-- a comment")]
    [InlineData("--")]
    [InlineData("/* a comment */")]
    [InlineData("/**/")]
    [InlineData("/* spans\nlines */")]
    [InlineData("/* ** stars * / */")]
    [InlineData("  -- indented\n  /* and */  ")]
    public void Tokenize_skips_comments(string text)
    {
        Assert.Empty(LexClean(text));
    }

    [Fact]
    public void Tokenize_ends_a_line_comment_at_the_line_break()
    {
        var tokens = LexClean("a -- b\nc");

        Assert.Equal(["a", "c"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_ends_a_block_comment_at_the_first_close()
    {
        var tokens = LexClean("a /* b /* c */ d */");

        Assert.Equal(
            [(TokenKind.Identifier, "a"), (TokenKind.Identifier, "d"), (TokenKind.Star, "*"), (TokenKind.Slash, "/")],
            tokens);
    }

    [Fact]
    public void Tokenize_reads_a_block_comment_between_tokens_as_a_separator()
    {
        var tokens = LexClean("a/**/b");

        Assert.Equal(["a", "b"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_reads_minus_minus_in_a_string_as_text()
    {
        var token = Assert.Single(LexClean("'a -- b'"));

        Assert.Equal(TokenKind.StringLiteral, token.Kind);
    }

    [Fact]
    public void Tokenize_reports_an_unterminated_block_comment_at_its_opening()
    {
        var (tokens, diagnostics) = Lex("SELECT 1 /* never closed");

        Assert.Equal(2, tokens.Count);
        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnterminatedComment, new(9, 2)), (error.Code, error.Span));
        Assert.Equal("comment is missing its closing '*/'", error.Message);
    }
}
