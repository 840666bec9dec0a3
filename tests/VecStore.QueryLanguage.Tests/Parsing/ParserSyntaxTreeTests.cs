using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>The fields and spans of the nodes the parser builds.</summary>
public sealed class ParserSyntaxTreeTests
{
    [Fact]
    public void CreateTable_records_vector_dimensions_metric_and_element_type()
    {
        var create = ParseOne<CreateTableStatement>("CREATE TABLE t (v VECTOR(768) HALF METRIC Cosine NOT NULL)");

        var column = Assert.Single(create.Columns);
        Assert.Equal(DataTypeKind.Vector, column.Type.Kind);
        Assert.Equal(768L, column.Type.Dimensions);
        Assert.Equal(VectorElementType.Half, column.Type.ElementType);
        Assert.Equal(new Identifier("Cosine", false, new SourceSpan(42, 6)), column.Type.Metric);
        Assert.Equal(new SourceSpan(18, 30), column.Type.Span);
        Assert.Equal(ColumnConstraintKind.NotNull, Assert.Single(column.Constraints).Kind);
    }

    [Fact]
    public void CreateTable_leaves_the_metric_null_when_omitted()
    {
        var create = ParseOne<CreateTableStatement>("CREATE TABLE t (v VECTOR(3), n INTEGER)");

        Assert.Null(create.Columns[0].Type.Metric);
        Assert.Equal(VectorElementType.Single, create.Columns[0].Type.ElementType);
        Assert.Null(create.Columns[1].Type.Dimensions);
    }

    [Fact]
    public void CreateTable_separates_columns_from_table_constraints()
    {
        var create = ParseOne<CreateTableStatement>("CREATE TABLE t (a INTEGER, PRIMARY KEY (a, b), b INTEGER)");

        Assert.Equal(["a", "b"], create.Columns.Select(c => c.Name.Text));
        var constraint = Assert.Single(create.Constraints);
        Assert.Equal(TableConstraintKind.PrimaryKey, constraint.Kind);
        Assert.Equal(["a", "b"], constraint.Columns.Select(c => c.Text));
    }

    [Fact]
    public void CreateTable_keeps_column_constraints_in_order_with_the_default_value()
    {
        var create = ParseOne<CreateTableStatement>("CREATE TABLE t (a INTEGER DEFAULT 5 NOT NULL PRIMARY KEY NULL)");

        var constraints = Assert.Single(create.Columns).Constraints;
        Assert.Equal(
            [ColumnConstraintKind.Default, ColumnConstraintKind.NotNull, ColumnConstraintKind.PrimaryKey, ColumnConstraintKind.Null],
            constraints.Select(c => c.Kind));
        Assert.Equal((object)5L, Assert.IsType<LiteralExpression>(constraints[0].Value).Value);
    }

    [Fact]
    public void CreateIndex_records_the_method_or_null_for_a_scalar_index()
    {
        var vector = ParseOne<CreateIndexStatement>("CREATE INDEX i ON t USING HNSW (v) WITH (m = 16)");
        var scalar = ParseOne<CreateIndexStatement>("CREATE INDEX j ON t (a, b)");

        Assert.Equal(IndexMethod.Hnsw, vector.Method);
        Assert.Equal("v", Assert.Single(vector.Columns).Text);
        var option = Assert.Single(vector.Options);
        Assert.Equal(("m", (object)16L), (option.Name.Text, option.Value.Value));
        Assert.Null(scalar.Method);
        Assert.Empty(scalar.Options);
        Assert.Equal(["a", "b"], scalar.Columns.Select(c => c.Text));
    }

    [Fact]
    public void Insert_leaves_columns_null_when_omitted_and_keeps_each_row()
    {
        var insert = ParseOne<InsertStatement>("INSERT INTO t VALUES (1, 2), (3, 4)");

        Assert.Null(insert.Columns);
        Assert.Equal([2, 2], insert.Rows.Select(r => r.Values.Count));
        Assert.Equal(new SourceSpan(29, 6), insert.Rows[1].Span);
    }

    [Fact]
    public void Select_records_every_clause()
    {
        var select = ParseOne<SelectStatement>(
            "SELECT a, b AS x FROM docs d WHERE a > 1 ORDER BY x DESC, a LIMIT 5 OFFSET 2 WITH (ef_search = 64, exact = true)");

        Assert.Equal(2, select.Items.Count);
        Assert.Equal("x", Assert.IsType<ExpressionSelectItem>(select.Items[1]).Alias!.Text);
        var from = Assert.IsType<TableReference>(select.Core.From);
        Assert.Equal(("docs", "d"), (from.Name.Text, from.Alias!.Text));
        Assert.IsType<BinaryExpression>(select.Where);
        Assert.Equal([SortDirection.Descending, SortDirection.Ascending], select.OrderBy.Select(o => o.Direction));
        Assert.Equal((object)5L, Assert.IsType<LiteralExpression>(select.Limit).Value);
        Assert.Equal((object)2L, Assert.IsType<LiteralExpression>(select.Offset).Value);
        Assert.Equal(["ef_search", "exact"], select.Options.Select(o => o.Name.Text));
        Assert.Equal(new SourceSpan(83, 14), select.Options[0].Span);
    }

    [Fact]
    public void Select_without_from_has_a_null_table()
    {
        var select = ParseOne<SelectStatement>("SELECT 1 + 1");

        Assert.Null(select.Core.From);
        Assert.Empty(select.OrderBy);
        Assert.Null(select.Limit);
    }

    [Fact]
    public void Explain_records_analyze_and_the_inner_statement()
    {
        var explain = ParseOne<ExplainStatement>("EXPLAIN ANALYZE SELECT 1");

        Assert.True(explain.Analyze);
        Assert.IsType<SelectStatement>(explain.Statement);
        Assert.Equal(new SourceSpan(16, 8), explain.Statement.Span);
    }

    [Fact]
    public void Backup_records_the_path_and_its_span()
    {
        var backup = ParseOne<BackupStatement>("BACKUP TO 'a''b.zst'");

        Assert.Equal(("a'b.zst", new SourceSpan(10, 10)), (backup.Path, backup.PathSpan));
    }

    [Fact]
    public void Statement_spans_cover_the_statement_without_its_semicolon_or_comments()
    {
        var result = SqlParser.Parse("  SELECT 1 ; -- x\n DELETE FROM t /* y */;");

        Assert.Equal([new SourceSpan(2, 8), new SourceSpan(19, 13)], result.Statements.Select(s => s.Span));
    }

    [Fact]
    public void Parenthesised_expressions_have_spans_that_cover_the_parentheses()
    {
        var binary = Assert.IsType<BinaryExpression>(ParseExpression("(a + b) * c"));

        Assert.Equal(new SourceSpan(7, 7), binary.Left.Span);
        Assert.Equal(new SourceSpan(7, 11), binary.Span);
        Assert.Equal(new SourceSpan(15, 1), binary.OperatorSpan);
    }

    [Fact]
    public void Column_references_may_be_qualified()
    {
        var column = Assert.IsType<ColumnReference>(ParseExpression("d.\"Price\""));

        Assert.Equal("d", column.Qualifier!.Text);
        Assert.Equal(new Identifier("Price", true, new SourceSpan(9, 7)), column.Name);
    }

    [Theory]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"Order Lines\"", "Order Lines")]
    [InlineData("\"select\"", "select")]
    public void Quoted_identifiers_keep_case_and_resolve_doubled_quotes(string text, string name)
    {
        var column = Assert.IsType<ColumnReference>(ParseExpression(text));

        Assert.Equal((name, true), (column.Name.Text, column.Name.IsQuoted));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("key")]
    [InlineData("end")]
    [InlineData("desc")]
    [InlineData("vector")]
    [InlineData("index")]
    public void Non_reserved_keywords_are_names_where_a_name_is_expected(string word)
    {
        var create = ParseOne<CreateTableStatement>($"CREATE TABLE {word} ({word} TEXT)");
        var select = ParseOne<SelectStatement>($"SELECT {word} {word} FROM {word} {word} ORDER BY {word} DESC");

        Assert.Equal(word, create.Name.Text);
        Assert.Equal(word, Assert.Single(create.Columns).Name.Text);
        Assert.Equal(word, Assert.IsType<ExpressionSelectItem>(Assert.Single(select.Items)).Alias!.Text);
        Assert.Equal(word, Assert.IsType<TableReference>(select.Core.From).Alias!.Text);
        Assert.Equal(SortDirection.Descending, Assert.Single(select.OrderBy).Direction);
    }

    [Fact]
    public void Count_star_is_a_function_call_without_arguments()
    {
        var count = Assert.IsType<FunctionCall>(ParseExpression("COUNT(*)"));
        var countColumn = Assert.IsType<FunctionCall>(ParseExpression("count(id)"));

        Assert.True(count.IsCountStar);
        Assert.Empty(count.Arguments);
        Assert.False(countColumn.IsCountStar);
        Assert.Single(countColumn.Arguments);
    }

    [Fact]
    public void Function_calls_take_any_number_of_arguments()
    {
        var call = Assert.IsType<FunctionCall>(ParseExpression("cosine_distance(embedding, [1, 2], now())"));

        Assert.Equal("cosine_distance", call.Name.Text);
        Assert.Equal(3, call.Arguments.Count);
        Assert.Empty(Assert.IsType<FunctionCall>(call.Arguments[2]).Arguments);
    }

    [Fact]
    public void Empty_statements_between_semicolons_are_ignored()
    {
        var result = SqlParser.Parse(";; SELECT 1;;; SELECT 2 ;");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Statements.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- only a comment")]
    [InlineData(";")]
    public void A_text_without_statements_parses_to_none(string text)
    {
        var result = SqlParser.Parse(text);

        Assert.Empty(result.Statements);
        Assert.Empty(result.Diagnostics);
    }
}
