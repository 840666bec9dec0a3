using VecStore.QueryLanguage.Parsing.Syntax;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>The relational part of the grammar: WITH, set operations, DISTINCT, joins, derived tables, GROUP BY and HAVING, subqueries, CAST and CASE.</summary>
public sealed class ParserRelationalTests
{
    public static readonly TheoryData<string, string> RoundTrips = new()
    {
        { "select distinct cat from docs", "SELECT DISTINCT cat FROM docs" },
        { "select all cat from docs", "SELECT cat FROM docs" },
        { "SELECT d.id, c.id FROM docs d JOIN chunks c ON c.doc_id = d.id", "SELECT d.id, c.id FROM docs AS d JOIN chunks AS c ON (c.doc_id = d.id)" },
        { "SELECT * FROM a INNER JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y, z) RIGHT JOIN d ON TRUE FULL JOIN e ON FALSE CROSS JOIN f, g",
          "SELECT * FROM a JOIN b ON (a.x = b.x) LEFT JOIN c USING (y, z) RIGHT JOIN d ON TRUE FULL JOIN e ON FALSE CROSS JOIN f, g" },
        { "SELECT x.n FROM (SELECT count(*) AS n FROM docs) x", "SELECT x.n FROM (SELECT count(*) AS n FROM docs) AS x" },
        { "SELECT doc_id, min(emb <=> @q) best FROM chunks GROUP BY doc_id HAVING count(*) > 1 ORDER BY best LIMIT 5",
          "SELECT doc_id, min((emb <=> @q)) AS best FROM chunks GROUP BY doc_id HAVING (count(*) > 1) ORDER BY best LIMIT 5" },
        { "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b",
          "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b" },
        { "SELECT id FROM a UNION ALL SELECT id FROM b INTERSECT SELECT id FROM c EXCEPT SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 3",
          "SELECT id FROM a UNION ALL SELECT id FROM b INTERSECT SELECT id FROM c EXCEPT SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 3" },
        { "SELECT (SELECT max(x) FROM t), EXISTS (SELECT 1), NOT EXISTS (SELECT 2) FROM u WHERE a NOT IN (SELECT b FROM v)",
          "SELECT (SELECT max(x) FROM t), EXISTS (SELECT 1), (NOT EXISTS (SELECT 2)) FROM u WHERE (a NOT IN (SELECT b FROM v))" },
        { "SELECT count(DISTINCT cat), string_agg(title, ',') FROM docs", "SELECT count(DISTINCT cat), string_agg(title, ',') FROM docs" },
        { "SELECT CAST(x AS INTEGER), cast('[1,2]' as vector(2) half), CAST(b AS BIT(8)) FROM t",
          "SELECT CAST(x AS INTEGER), CAST('[1,2]' AS VECTOR(2) HALF), CAST(b AS BIT(8)) FROM t" },
        { "SELECT CASE WHEN a > 1 THEN 'x' WHEN a < 0 THEN 'y' ELSE 'z' END, case a when 1 then 2 end FROM t",
          "SELECT CASE WHEN (a > 1) THEN 'x' WHEN (a < 0) THEN 'y' ELSE 'z' END, CASE a WHEN 1 THEN 2 END FROM t" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Parses_prints_and_parses_back(string text, string printed)
    {
        var first = SyntaxPrinter.Print(ParseOne(text));
        Assert.Equal(printed, first);
        Assert.Equal(first, SyntaxPrinter.Print(ParseOne(first)));
    }

    [Fact]
    public void Joins_associate_to_the_left_and_keep_their_kind()
    {
        var select = ParseOne<SelectStatement>("SELECT 1 FROM a LEFT JOIN b ON a.x = b.x JOIN c USING (y)");
        var outer = Assert.IsType<JoinedTable>(select.Core.From);
        Assert.Equal(JoinKind.Inner, outer.Kind);
        Assert.Equal(["y"], outer.Using!.Select(u => u.Text));
        var inner = Assert.IsType<JoinedTable>(outer.Left);
        Assert.Equal(JoinKind.Left, inner.Kind);
        Assert.Equal("b", Assert.IsType<TableReference>(inner.Right).Name.Text);
    }

    [Fact]
    public void A_compound_select_keeps_its_cores_and_one_order()
    {
        var select = ParseOne<SelectStatement>("WITH w AS (SELECT 1) SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1");
        Assert.Single(select.With);
        Assert.Equal(SetOperator.UnionAll, Assert.Single(select.Compounds).Operator);
        Assert.Single(select.OrderBy);
    }

    [Theory]
    [InlineData("SELECT distinct, all FROM t")]
    [InlineData("SELECT left, right, full, inner, cross, outer, join, union, group, having, cast, case, when, then FROM t")]
    [InlineData("CREATE TABLE union (group INTEGER, having TEXT)")]
    [InlineData("SELECT count(distinct) FROM t")]
    public void Contextual_words_stay_names_elsewhere(string text) => ParseOne(text);

    [Fact]
    public void A_word_that_starts_a_clause_is_no_alias()
    {
        var select = ParseOne<SelectStatement>("SELECT a FROM t left JOIN u ON TRUE");
        Assert.Null(Assert.IsType<TableReference>(Assert.IsType<JoinedTable>(select.Core.From).Left).Alias);
    }
}
