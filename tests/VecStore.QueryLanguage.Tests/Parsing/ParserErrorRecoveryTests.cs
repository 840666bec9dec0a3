using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>After a syntax error the parser skips to the next statement, so a script reports every bad statement.</summary>
public sealed class ParserErrorRecoveryTests
{
    [Fact]
    public void Parse_reports_each_bad_statement_of_a_script_and_keeps_the_good_ones()
    {
        var sql = AnnotatedSql.Parse(
            "SELECT id FROM docs WHERE (price < 10 [LIMIT] 5;\n" +
            "SELECT 1;\n" +
            "INSERT INTO docs VALUES (1, 2 [3]);\n" +
            "DELETE FROM docs;\n" +
            "CREATE TABLE t (a [VARCHAR]);\n" +
            "UPDATE docs SET a =[]");

        var result = SqlParser.Parse(sql.Text);

        Assert.Equal(
            [ErrorCode.SyntaxError, ErrorCode.SyntaxError, ErrorCode.SyntaxError, ErrorCode.UnexpectedEndOfInput],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal(sql.Spans.Select(s => new SourceSpan(s.Start, s.Length)), result.Diagnostics.Select(d => d.Span));
        Assert.Equal([typeof(SelectStatement), typeof(DeleteStatement)], result.Statements.Select(s => s.GetType()));
    }

    [Fact]
    public void Parse_reports_at_most_one_syntax_error_per_statement()
    {
        var result = SqlParser.Parse("SELECT FROM WHERE ORDER LIMIT");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("expected '*' or an expression but found 'FROM'", error.Message);
    }

    [Fact]
    public void Parse_skips_a_semicolon_inside_brackets_opened_after_the_error()
    {
        var result = SqlParser.Parse("SELECT 1 2 (3; SELECT 4); SELECT 5");

        Assert.Single(result.Diagnostics);
        var select = Assert.IsType<SelectStatement>(Assert.Single(result.Statements));
        Assert.Equal("5", SyntaxPrinter.Print(Assert.IsType<ExpressionSelectItem>(select.Items[0]).Expression));
    }

    [Fact]
    public void Parse_stops_skipping_at_the_semicolon_an_error_is_found_at()
    {
        var result = SqlParser.Parse("SELECT f(1; SELECT 2");

        Assert.Equal(["expected ')' or ',' but found ';'"], result.Diagnostics.Select(d => d.Message));
        Assert.Single(result.Statements);
    }

    [Fact]
    public void Parse_orders_lexical_and_syntax_errors_by_position()
    {
        var result = SqlParser.Parse("SELECT FROM; SELECT # ; SELECT 'open");

        Assert.Equal(
            [(ErrorCode.SyntaxError, 7), (ErrorCode.UnexpectedCharacter, 20), (ErrorCode.UnterminatedString, 31)],
            result.Diagnostics.Select(d => (d.Code, d.Span.Start)));
    }

    [Fact]
    public void Parse_reports_a_syntax_error_before_a_lexical_error_in_the_same_statement()
    {
        var result = SqlParser.Parse("SELECT FROM t #");

        Assert.Equal([ErrorCode.SyntaxError, ErrorCode.UnexpectedCharacter], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Parse_keeps_a_statement_that_parses_around_a_dropped_character_but_reports_the_character()
    {
        var result = SqlParser.Parse("SELECT 1 #");

        Assert.Single(result.Statements);
        Assert.Equal(ErrorCode.UnexpectedCharacter, Assert.Single(result.Diagnostics).Code);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Parse_keeps_at_most_the_diagnostic_limit_the_earliest_first()
    {
        string sql = string.Concat(Enumerable.Repeat("SELECT FROM;", DiagnosticBag.MaxCount + 50));

        var result = SqlParser.Parse(sql);

        Assert.Equal(DiagnosticBag.MaxCount, result.Diagnostics.Count);
        Assert.Equal(7, result.Diagnostics[0].Span.Start);
    }
}
