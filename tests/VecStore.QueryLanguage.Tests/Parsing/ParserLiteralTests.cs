using VecStore.QueryLanguage.Parsing.Syntax;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class ParserLiteralTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Parse_reads_integers_as_64_bit_values(string text, long value)
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression(text));

        Assert.Equal((LiteralKind.Integer, (object)value), (literal.Kind, literal.Value));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData(".25", 0.25)]
    [InlineData("1.", 1.0)]
    [InlineData("3e-3", 0.003)]
    [InlineData("-1.5E2", -150.0)]
    [InlineData("1e-400", 0.0)]
    public void Parse_reads_reals_as_doubles(string text, double value)
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression(text));

        Assert.Equal((LiteralKind.Real, (object)value), (literal.Kind, literal.Value));
    }

    [Theory]
    [InlineData("''", "")]
    [InlineData("'shoes'", "shoes")]
    [InlineData("'it''s'", "it's")]
    [InlineData("'a\nb'", "a\nb")]
    public void Parse_reads_strings_without_quotes_and_with_escapes_resolved(string text, string value)
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression(text));

        Assert.Equal((LiteralKind.String, (object)value), (literal.Kind, literal.Value));
    }

    [Fact]
    public void Parse_reads_a_blob_as_bytes()
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression("x'00Ff7a'"));

        Assert.Equal(LiteralKind.Blob, literal.Kind);
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x7A }, literal.Value);
    }

    [Theory]
    [InlineData("TRUE", LiteralKind.Boolean, true)]
    [InlineData("false", LiteralKind.Boolean, false)]
    [InlineData("Null", LiteralKind.Null, null)]
    public void Parse_reads_keyword_literals(string text, LiteralKind kind, object? value)
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression(text));

        Assert.Equal((kind, value), (literal.Kind, literal.Value));
    }

    [Fact]
    public void Parse_folds_a_sign_into_the_literal_span()
    {
        var literal = Assert.IsType<LiteralExpression>(ParseExpression("- 5"));

        Assert.Equal((object)-5L, literal.Value);
        Assert.Equal(new(7, 3), literal.Span);
    }

    [Fact]
    public void Parse_reads_vector_elements_as_signed_numbers_and_parameters()
    {
        var vector = Assert.IsType<VectorLiteralExpression>(ParseExpression("[0.1, -2, +3e-3, @x, ?]"));

        Assert.Collection(vector.Elements,
            e => Assert.Equal((object)0.1, Assert.IsType<LiteralExpression>(e).Value),
            e => Assert.Equal((object)-2L, Assert.IsType<LiteralExpression>(e).Value),
            e => Assert.Equal((object)0.003, Assert.IsType<LiteralExpression>(e).Value),
            e => Assert.Equal("x", Assert.IsType<ParameterExpression>(e).Name),
            e => Assert.Equal(0, Assert.IsType<ParameterExpression>(e).Position));
        Assert.Equal(new(7, 23), vector.Span);
    }

    [Fact]
    public void Parse_reads_an_empty_vector_literal()
    {
        var vector = Assert.IsType<VectorLiteralExpression>(ParseExpression("[]"));

        Assert.Empty(vector.Elements);
    }
}
