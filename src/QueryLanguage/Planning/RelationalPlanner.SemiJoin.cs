using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

// The semi-join a search ranks under: an S row qualifies when it contributes a row to the
// SELECT's FROM ... WHERE ...; written as key IN (SELECT ...) or a correlated EXISTS, with S's
// columns naming the search's own table.
internal sealed partial class RelationalPlanner
{
    /// <summary>
    /// The semi-join as <c>key IN (SELECT value FROM others WHERE rest)</c> when S meets the other
    /// sources through inner joins and one equality (<c>d.id = c.doc_id</c>): the subquery does not
    /// depend on S's row, so SQLite lists the keys once per statement and can find S's rows through
    /// an index on the key, where EXISTS would be asked row by row. Terms of ON on S alone join
    /// <paramref name="own"/>. Null for any other shape (outer joins, several conditions on S).
    /// </summary>
    /// <remarks>For a row whose key is NULL both forms are not true; SQLite compares <c>x IN (SELECT y ...)</c> with the affinities of <c>x = y</c>.</remarks>
    private static InQueryExpr? KeyedSemiJoin(SqlFrom from, int s, List<SqlExpr> others, List<SqlExpr> own)
    {
        var items = new List<SqlFrom>();
        var conditions = new List<SqlExpr>(others);
        if (!FlattenInner(from, items, conditions))
            return null;
        items.RemoveAll(i => i is SqlTableFrom t && t.Source == s);
        if (items.Count == 0)
            return null;
        SqlExpr? key = null, value = null;
        var rest = new List<SqlExpr>();
        var onS = new List<SqlExpr>();
        foreach (var condition in conditions)
        {
            foreach (var c in AndTerms(condition))
            {
                var free = SourceReferences.FreeIn(c);
                if (!free.Contains(s))
                {
                    rest.Add(c);
                    continue;
                }
                if (free.Count == 1)
                {
                    onS.Add(c);
                    continue;
                }
                if (key is null && c is BinaryExpr { Operator: SqlBinaryOperator.Equal } equal)
                {
                    var left = SourceReferences.FreeIn(equal.Left);
                    var right = SourceReferences.FreeIn(equal.Right);
                    if (left.Count == 1 && left.Contains(s) && !right.Contains(s) && right.Count > 0)
                    {
                        (key, value) = (equal.Left, equal.Right);
                        continue;
                    }
                    if (right.Count == 1 && right.Contains(s) && !left.Contains(s) && left.Count > 0)
                    {
                        (key, value) = (equal.Right, equal.Left);
                        continue;
                    }
                }
                return null;
            }
        }
        if (key is null || value is null)
            return null;
        own.AddRange(onS);
        var fromOthers = items[0];
        for (int i = 1; i < items.Count; i++)
            fromOthers = new SqlJoin(fromOthers, SqlJoinKind.Inner, items[i], null);
        return new InQueryExpr(key, new SqlQuery([], new SqlSelectCore(false, [value], fromOthers, And(rest), [], null), [], [], null, null), Negated: false);
    }

    /// <summary>The items of a FROM clause made only of inner and cross joins, their ON conditions added to <paramref name="conditions"/>; false for any outer join.</summary>
    private static bool FlattenInner(SqlFrom from, List<SqlFrom> items, List<SqlExpr> conditions)
    {
        if (from is not SqlJoin join)
        {
            items.Add(from);
            return true;
        }
        if (join.Kind is not (SqlJoinKind.Inner or SqlJoinKind.Cross))
            return false;
        if (!FlattenInner(join.Left, items, conditions) || !FlattenInner(join.Right, items, conditions))
            return false;
        if (join.On is not null)
            conditions.Add(join.On);
        return true;
    }

    /// <summary>True when every row of <paramref name="source"/> yields a row of <paramref name="from"/> whatever the other items hold: it is the preserved side of every LEFT JOIN above it.</summary>
    private static bool AlwaysContributes(SqlFrom from, int source) => from switch
    {
        SqlTableFrom t => t.Source == source,
        SqlJoin { Kind: SqlJoinKind.Left } j => AlwaysContributes(j.Left, source),
        _ => false,
    };

    /// <summary>FROM with S replaced by one row (its columns then refer to the row being asked about).</summary>
    private sealed class StandIn(int source) : SqlTreeRewriter
    {
        public override SqlFrom From(SqlFrom from) => from is SqlTableFrom t && t.Source == source
            ? new SqlSubqueryFrom(OneRow, source)
            : base.From(from);
    }

    /// <summary>
    /// Makes the semi-join a condition of the single-table search: S's columns name the search's
    /// table (<c>"t12"."c40"</c>, which no aliased item can capture), and common table expressions,
    /// which the search's statement does not define, are written out where they are read.
    /// </summary>
    private sealed class Outward(int source, string table, IReadOnlyDictionary<int, SqlQuery> ctes) : SqlTreeRewriter
    {
        public override SqlFrom From(SqlFrom from) => from is SqlCteFrom c && ctes.TryGetValue(c.Cte, out var query)
            ? new SqlSubqueryFrom(Query(query), c.Source)
            : base.From(from);

        public override SqlExpr Expr(SqlExpr expr) => expr switch
        {
            ColumnExpr c when c.Source == source => c with { Source = null, OwnTable = table },
            VectorColumnExpr v when v.Source == source => v with { Source = null, OwnTable = table },
            RowIdExpr r when r.Source == source => r with { Source = null, OwnTable = table },
            _ => base.Expr(expr),
        };
    }
}
