using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>Diagnostics become one <see cref="VecStoreException"/> with line, column and a caret at the public edge.</summary>
public sealed class DiagnosticExceptionTests
{
    [Fact]
    public void ThrowIfErrors_throws_the_first_error_with_its_position_and_a_caret()
    {
        var result = SqlParser.Parse("SELECT id FROM docs WHERE (price < 10 LIMIT 5");

        var exception = Assert.Throws<VecStoreException>(result.ThrowIfErrors);

        Assert.Equal(ErrorCode.SyntaxError, exception.Code);
        Assert.Equal((1, 39), (exception.Line, exception.Column));
        Assert.Equal(
            "VECSQL0010 at line 1, column 39: expected ')' but found 'LIMIT'\n" +
            "  SELECT id FROM docs WHERE (price < 10 LIMIT 5\n" +
            "                                        ^^^^^",
            exception.Message);
        Assert.Empty(exception.Others);
    }

    [Fact]
    public void ThrowIfErrors_carries_the_later_errors_in_others()
    {
        var result = SqlParser.Parse("SELECT FROM;\nSELECT 1;\n  DELETE docs");

        var exception = Assert.Throws<VecStoreException>(result.ThrowIfErrors);

        Assert.Equal((1, 8), (exception.Line, exception.Column));
        var other = Assert.Single(exception.Others);
        Assert.Equal((3, 10), (other.Line, other.Column));
        Assert.Equal("expected 'FROM' but found identifier docs", other.Reason);
    }

    [Fact]
    public void ThrowIfErrors_points_just_past_the_last_token_at_the_end_of_the_input()
    {
        var result = SqlParser.Parse("SELECT a\nFROM\n");

        var exception = Assert.Throws<VecStoreException>(result.ThrowIfErrors);

        Assert.Equal(
            "VECSQL0011 at line 2, column 5: unexpected end of input, expected a table name\n" +
            "  FROM\n" +
            "      ^",
            exception.Message);
    }

    [Fact]
    public void ThrowIfErrors_does_nothing_without_errors()
    {
        SqlParser.Parse("SELECT 1").ThrowIfErrors();
    }

    [Fact]
    public void DiagnosticBag_keeps_diagnostics_in_text_order_and_ties_in_report_order()
    {
        var bag = new DiagnosticBag(new SourceText("abcdef"));

        bag.Add(new Diagnostic(ErrorCode.SyntaxError, new SourceSpan(4, 1), "third"));
        bag.Add(new Diagnostic(ErrorCode.SyntaxError, new SourceSpan(1, 1), "first"));
        bag.Add(new Diagnostic(ErrorCode.SyntaxError, new SourceSpan(4, 0), "fourth"));
        bag.Add(new Diagnostic(ErrorCode.SyntaxError, new SourceSpan(2, 1), "second"));

        Assert.Equal(["first", "second", "third", "fourth"], bag.Select(d => d.Message));
    }

    [Fact]
    public void Diagnostic_prints_its_code_span_and_message()
    {
        var diagnostic = new Diagnostic(ErrorCode.UnterminatedString, new SourceSpan(7, 1), "string literal is missing its closing quote (')");

        Assert.Equal("VECSQL0002 at [7..8): string literal is missing its closing quote (')", diagnostic.ToString());
    }
}
