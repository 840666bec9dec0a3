using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerStringLiteralTests
{
    [Theory]
    [InlineData("''")]
    [InlineData("'shoes'")]
    [InlineData("'it''s'")]
    [InlineData("''''")]
    [InlineData("'two\nlines'")]
    [InlineData("'-- not a comment'")]
    [InlineData("'\"double\"'")]
    public void Tokenize_reads_single_quoted_text_as_one_string(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.StringLiteral, text), token);
    }

    [Fact]
    public void Tokenize_ends_a_string_at_a_single_quote_not_followed_by_another()
    {
        var tokens = LexClean("'a''b' 'c'");

        Assert.Equal([(TokenKind.StringLiteral, "'a''b'"), (TokenKind.StringLiteral, "'c'")], tokens);
    }

    [Theory]
    [InlineData("\"Order Lines\"")]
    [InlineData("\"select\"")]
    [InlineData("\"say \"\"hi\"\"\"")]
    [InlineData("\"\"\"\"")]
    public void Tokenize_reads_double_quoted_text_as_a_quoted_identifier(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.QuotedIdentifier, text), token);
    }

    [Theory]
    [InlineData("x''")]
    [InlineData("x'00ff'")]
    [InlineData("X'ABCDEF'")]
    public void Tokenize_reads_x_quote_hex_quote_as_a_blob(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.BlobLiteral, text), token);
    }

    [Fact]
    public void Tokenize_reads_x_without_a_quote_as_an_identifier()
    {
        var tokens = LexClean("x xy 'a'");

        Assert.Equal(
            [(TokenKind.Identifier, "x"), (TokenKind.Identifier, "xy"), (TokenKind.StringLiteral, "'a'")],
            tokens);
    }

    [Fact]
    public void Tokenize_reports_an_unterminated_string_at_its_opening_quote()
    {
        var (tokens, diagnostics) = Lex("SELECT 'abc");

        Assert.Equal([TokenKind.Select], tokens.Select(t => t.Kind));
        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnterminatedString, new(7, 1)), (error.Code, error.Span));
        Assert.Equal("string literal is missing its closing quote (')", error.Message);
    }

    [Fact]
    public void Tokenize_reports_an_unterminated_quoted_identifier_at_its_opening_quote()
    {
        var (_, diagnostics) = Lex("SELECT \"abc");

        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnterminatedIdentifier, new(7, 1)), (error.Code, error.Span));
        Assert.Equal("quoted identifier is missing its closing quote (\")", error.Message);
    }

    [Fact]
    public void Tokenize_reports_an_empty_quoted_identifier()
    {
        var (tokens, diagnostics) = Lex("SELECT \"\" FROM t");

        Assert.Equal(3, tokens.Count);
        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.EmptyIdentifier, new(7, 2)), (error.Code, error.Span));
        Assert.Equal("a quoted identifier cannot be empty", error.Message);
    }

    [Fact]
    public void Tokenize_reports_an_unterminated_blob_at_its_prefix()
    {
        var (_, diagnostics) = Lex("SELECT x'00");

        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.UnterminatedString, new(7, 2)), (error.Code, error.Span));
        Assert.Equal("blob literal is missing its closing quote (')", error.Message);
    }

    [Fact]
    public void Tokenize_reports_a_blob_with_a_character_that_is_not_hex()
    {
        var (tokens, diagnostics) = Lex("x'0g'");

        Assert.Empty(tokens);
        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.InvalidBlobLiteral, new(0, 5)), (error.Code, error.Span));
        Assert.Equal("blob literal x'0g' contains 'g', which is not a hexadecimal digit", error.Message);
    }

    [Fact]
    public void Tokenize_reports_a_blob_with_an_odd_number_of_digits()
    {
        var (_, diagnostics) = Lex("x'abc'");

        var error = Assert.Single(diagnostics);
        Assert.Equal((ErrorCode.InvalidBlobLiteral, new(0, 6)), (error.Code, error.Span));
        Assert.Equal("blob literal x'abc' has an odd number of hexadecimal digits; each byte takes two", error.Message);
    }
}
