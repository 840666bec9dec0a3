using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;
using VecStore.Storage.Functions;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>One vector search the planner made of a relational SELECT: a single-table nearest-neighbour SELECT of row ids whose answer restricts a SELECT core.</summary>
/// <param name="Select">The search: the table's row ids, WHERE the semi-join, ORDER BY the distance, LIMIT k (the core's LIMIT + OFFSET).</param>
/// <param name="Rows">Where the ranked row ids go once the search ran; the rewritten statement reads them.</param>
/// <param name="Source">The user's name of the ranked FROM item (alias or table name).</param>
/// <param name="FilterText">The semi-join in words, for EXPLAIN.</param>
/// <param name="Depth">How deep the core sits (0 for the statement's own), for EXPLAIN's indentation.</param>
/// <param name="GatherTies">True when ORDER BY has keys after the distance: rows at the k-th distance must all reach SQLite, which orders them by those keys.</param>
internal sealed record RankedSearch(BoundSelect Select, RankedRowIds Rows, string Source, string? FilterText, int Depth, bool GatherTies);

/// <summary>A relational SELECT as it runs: its searches, in the order they must run (a search whose filter reads another's rows comes after it), and the statement SQLite runs over their rows.</summary>
internal sealed record RelationalPlan(SqlQuery Query, IReadOnlyList<RankedSearch> Searches, IReadOnlyDictionary<int, string> SourceNames);

/// <summary>Finds the SELECT cores of a relational statement that order one table's rows by a distance to a constant with a LIMIT, and makes each a vector search plus a restriction of that table to the ranked rows (docs/architecture.md, "The vector top-k as a relation").</summary>
/// <remarks>
/// The rule, per core: ORDER BY whose first key is a distance between a stored vector column of a catalog
/// table S (not on the null-supplying side of an outer join) and a constant vector; a constant
/// LIMIT (k = LIMIT + OFFSET, at most <see cref="Planner.MaxAnnRows"/>); no DISTINCT, GROUP BY,
/// HAVING, aggregate or set operation; nothing in its FROM or WHERE refers to an enclosing query.
/// S is then ranked by <see cref="Planner.Plan"/> under the semi-join condition (an S row
/// qualifies when it contributes a row to FROM ... WHERE ...), and the core reads only the ranked
/// rows, ordered by distance and then by rank. Every other shape runs as written: exact.
/// </remarks>
internal sealed partial class RelationalPlanner : SqlTreeRewriter
{
    private static readonly SqlQuery OneRow = new([], new SqlSelectCore(false, [new ConstantExpr(1L)], null, null, [], null), [], [], null, null);
    private static readonly OutputColumn RowIdColumn = new("rowid", typeof(long), "INTEGER", new RowIdExpr(), null);
    private static readonly OutputColumn TieColumn = new("distance", typeof(double), "REAL", null, null);

    private readonly BoundQuery _bound;
    private readonly Dictionary<int, SqlQuery> _ctes = [];
    private readonly Dictionary<int, string> _names;
    private readonly List<RankedSearch> _searches = [];
    private int _nextSource;
    private int _depth = -1;

    private RelationalPlanner(BoundQuery bound)
    {
        _bound = bound;
        _names = new Dictionary<int, string>(bound.SourceNames);
        foreach (int n in bound.SourceNames.Keys)
            _nextSource = Math.Max(_nextSource, n + 1);
    }

    /// <summary>The plan of a relational SELECT: the statement with its vector searches taken out.</summary>
    public static RelationalPlan Plan(BoundQuery bound)
    {
        var planner = new RelationalPlanner(bound);
        var query = planner.Query(bound.Query);
        return new RelationalPlan(query, planner._searches, planner._names);
    }

    public override SqlQuery Query(SqlQuery query)
    {
        _depth++;
        try
        {
            var rewritten = base.Query(query);
            return Ranked(rewritten) ?? rewritten;
        }
        finally
        {
            _depth--;
        }
    }

    protected override SqlCte Cte(SqlCte cte)
    {
        var rewritten = base.Cte(cte);
        _ctes[cte.Number] = rewritten.Query;
        return rewritten;
    }

    /// <summary>The query with its core restricted to a search's rows, or null when the rule does not apply.</summary>
    private SqlQuery? Ranked(SqlQuery query)
    {
        if (query.Rest.Count != 0 || query.OrderBy.Count == 0 || query.Limit is not ConstantExpr { Value: long limit } || limit < 0)
            return null;
        long offset = query.Offset switch
        {
            null => 0,
            ConstantExpr { Value: long o } when o >= 0 => o,
            _ => -1,
        };
        if (offset < 0 || limit + offset > Planner.MaxAnnRows)
            return null;
        var core = query.First;
        if (core.Distinct || core.GroupBy.Count > 0 || core.Having is not null || core.From is null)
            return null;
        foreach (var projection in core.Projections)
            if (HasAggregate(projection))
                return null;
        var term = query.OrderBy[0];
        var key = term.Expression is OutputPositionExpr p ? core.Projections[p.Position - 1] : term.Expression;
        if (!DistanceToConstant(key, out var call, out var column, out var constant) || column.Source is not int s)
            return null;
        if (FindTable(core.From, s, nullSupplied: false) is not { } table)
            return null;
        if (SourceReferences.FreeIn(core.Where, core.From).Count > 0)
            return null;

        // The semi-join: WHERE terms on S alone stay as they are (SQLite's indexes on S serve them);
        // the rest of FROM and WHERE becomes key IN (SELECT ...) when one equality links S to the
        // others through inner joins, else EXISTS over the other sources with S fixed to one row.
        var own = new List<SqlExpr>();
        var others = new List<SqlExpr>();
        foreach (var t in AndTerms(core.Where))
        {
            var free = SourceReferences.FreeIn(t);
            free.Remove(s);
            (free.Count == 0 ? own : others).Add(t);
        }
        var where = And(own);
        string? otherNames = null;
        bool keyed = false;
        if (others.Count > 0 || !AlwaysContributes(core.From, s))
        {
            SqlExpr semi;
            if (KeyedSemiJoin(core.From, s, others, own) is { } inQuery)
            {
                semi = inQuery;
                keyed = true;
                where = And(own);
            }
            else
            {
                var from = new StandIn(s).From(core.From);
                semi = new ExistsExpr(new SqlQuery([], new SqlSelectCore(false, [new ConstantExpr(1L)], from, And(others), [], null), [], [], null, null));
            }
            where = where is null ? semi : new BinaryExpr(SqlBinaryOperator.And, where, semi);
            otherNames = OtherSources(core.From, s);
        }
        if (where is not null)
            where = new Outward(s, table.StorageName, _ctes).Expr(where);

        var distance = DistanceFunctions.FromSqlFunction(call.Function)!.Value;
        string text = _bound.DistanceTexts.TryGetValue(call, out var written) ? written : _names.GetValueOrDefault(s, "?") + "." + column.Column.Name;
        var order = new DistanceCall(distance, column.Column, constant.ToFloats(), text, _bound.Span);
        bool ties = query.OrderBy.Count > 1;
        var select = new BoundSelect(table, ties ? [RowIdColumn, TieColumn with { Distance = order }] : [RowIdColumn], where, [], [new SortKey(null, order, term.Descending, text)], limit + offset, null, false, _bound.Span);
        select = _bound.SearchDefaults?.Invoke(select) ?? select;
        var rows = new RankedRowIds();
        string name = _names.GetValueOrDefault(s, table.Name);
        string? filterText = (own.Count > 0, otherNames) switch
        {
            (true, null) => $"the WHERE terms on {name}",
            (true, { } names) when keyed => $"the WHERE terms on {name}, and its join key IN the keys of the rows of {names} that pass the rest of FROM and WHERE (listed once)",
            (false, { } names) when keyed => $"its join key IN the keys of the rows of {names} that pass FROM and WHERE (listed once)",
            (true, { } names) => $"the WHERE terms on {name}, and EXISTS a matching row of {names} (the rest of FROM and WHERE, for that row of {name})",
            (false, { } names) => $"EXISTS a matching row of {names} (FROM and WHERE, for that row of {name})",
            _ => null,
        };
        _searches.Add(new RankedSearch(select, rows, name, filterText, _depth, ties));

        int ranked = _nextSource++;
        _names[ranked] = $"(ranked rows of {name})";
        var restricted = core with
        {
            From = new SqlJoin(new SqlRankedRowsFrom(rows, ranked), SqlJoinKind.Cross, core.From, null),
            Where = And([new BinaryExpr(SqlBinaryOperator.Equal, new RowIdExpr { Source = s }, new RankedRowExpr(ranked, Position: false)), .. AndTerms(core.Where)]),
        };
        // The rank is the search's order, nearest (or farthest) first with rows without a vector
        // where the distance puts them: alone it orders as the distance does, without computing it
        // again; after further keys it keeps ties in the search's order.
        var rank = new OrderTerm(new RankedRowExpr(ranked, Position: true), false);
        return query with { First = restricted, OrderBy = ties ? [.. query.OrderBy, rank] : [rank] };
    }

    /// <summary>True for <c>distance(stored column, constant)</c> in either order.</summary>
    private static bool DistanceToConstant(SqlExpr expr, out VectorCallExpr call, out VectorColumnExpr column, out VectorConstantExpr constant)
    {
        call = null!;
        column = null!;
        constant = null!;
        if (expr is not VectorCallExpr { Arguments: [var a, var b] } c || DistanceFunctions.FromSqlFunction(c.Function) is null)
            return false;
        call = c;
        (column, constant) = (a, b) switch
        {
            (VectorColumnExpr x, VectorConstantExpr y) => (x, y),
            (VectorConstantExpr y, VectorColumnExpr x) => (x, y),
            _ => (null!, null!),
        };
        return column is not null;
    }

    /// <summary>The catalog table FROM item <paramref name="source"/> when no outer join can supply NULLs for it.</summary>
    private static TableSchema? FindTable(SqlFrom from, int source, bool nullSupplied) => from switch
    {
        SqlTableFrom t when t.Source == source => nullSupplied ? null : t.Table,
        SqlJoin j => FindTable(j.Left, source, nullSupplied || j.Kind is SqlJoinKind.Right or SqlJoinKind.Full)
            ?? FindTable(j.Right, source, nullSupplied || j.Kind is SqlJoinKind.Left or SqlJoinKind.Full),
        _ => null,
    };

    private string OtherSources(SqlFrom from, int source)
    {
        var names = new List<string>();
        void Walk(SqlFrom f)
        {
            switch (f)
            {
                case SqlJoin j:
                    Walk(j.Left);
                    Walk(j.Right);
                    break;
                case SqlTableFrom t when t.Source != source:
                    names.Add(_names.GetValueOrDefault(t.Source, "?"));
                    break;
                case SqlSubqueryFrom q:
                    names.Add(_names.GetValueOrDefault(q.Source, "?"));
                    break;
                case SqlCteFrom c:
                    names.Add(_names.GetValueOrDefault(c.Source, "?"));
                    break;
            }
        }
        Walk(from);
        return string.Join(", ", names);
    }

    /// <summary>True when the expression aggregates at this level (not inside a subquery).</summary>
    private static bool HasAggregate(SqlExpr expr)
    {
        var finder = new AggregateFinder();
        finder.Expr(expr);
        return finder.Found;
    }

    private static List<SqlExpr> AndTerms(SqlExpr? where)
    {
        var terms = new List<SqlExpr>();
        void Add(SqlExpr e)
        {
            if (e is BinaryExpr { Operator: SqlBinaryOperator.And } and)
            {
                Add(and.Left);
                Add(and.Right);
            }
            else
            {
                terms.Add(e);
            }
        }
        if (where is not null)
            Add(where);
        return terms;
    }

    private static SqlExpr? And(IReadOnlyList<SqlExpr> terms)
    {
        SqlExpr? all = null;
        foreach (var t in terms)
            all = all is null ? t : new BinaryExpr(SqlBinaryOperator.And, all, t);
        return all;
    }

    private sealed class AggregateFinder : SqlTreeRewriter
    {
        public bool Found { get; private set; }

        // A subquery's aggregates are its own.
        public override SqlQuery Query(SqlQuery query) => query;

        public override SqlExpr Expr(SqlExpr expr)
        {
            Found |= expr is AggregateExpr or VectorCallExpr { IsAggregate: true };
            return base.Expr(expr);
        }
    }
}
