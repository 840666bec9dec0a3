using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>Rebuilds a <see cref="SqlQuery"/> tree bottom-up; a subclass overrides the nodes it changes or watches.</summary>
/// <remarks>Every expression and FROM kind is visited here, so a new kind must be added here too (an unknown one throws rather than being skipped).</remarks>
internal abstract class SqlTreeRewriter
{
    public virtual SqlQuery Query(SqlQuery query)
    {
        var with = new List<SqlCte>(query.With.Count);
        foreach (var cte in query.With)
            with.Add(Cte(cte));
        var first = Core(query.First);
        var rest = new List<SqlCompoundPart>(query.Rest.Count);
        foreach (var part in query.Rest)
            rest.Add(part with { Core = Core(part.Core) });
        var orderBy = new List<OrderTerm>(query.OrderBy.Count);
        foreach (var term in query.OrderBy)
            orderBy.Add(term with { Expression = Expr(term.Expression) });
        return query with { With = with, First = first, Rest = rest, OrderBy = orderBy, Limit = Maybe(query.Limit), Offset = Maybe(query.Offset) };
    }

    protected virtual SqlCte Cte(SqlCte cte) => cte with { Query = Query(cte.Query) };

    public virtual SqlSelectCore Core(SqlSelectCore core)
    {
        var from = core.From is null ? null : From(core.From);
        return core with
        {
            From = from,
            Projections = List(core.Projections),
            Where = Maybe(core.Where),
            GroupBy = List(core.GroupBy),
            Having = Maybe(core.Having),
        };
    }

    public virtual SqlFrom From(SqlFrom from) => from switch
    {
        SqlJoin join => join with { Left = From(join.Left), Right = From(join.Right), On = Maybe(join.On) },
        SqlSubqueryFrom subquery => subquery with { Query = Query(subquery.Query) },
        SqlTableFrom or SqlCteFrom or SqlRankedRowsFrom => from,
        _ => throw new ArgumentException("unknown FROM item " + from.GetType().Name, nameof(from)),
    };

    public virtual SqlExpr Expr(SqlExpr expr) => expr switch
    {
        ColumnExpr or RowIdExpr or SourceColumnExpr or VectorColumnExpr or VectorConstantExpr or OutputPositionExpr
            or ConstantExpr or CountStarExpr or InSubqueryOfJsonIds or RankedRowExpr or RowParameterExpr => expr,
        // The same call when nothing under it changed: the binder knows each distance call by reference (its text, for EXPLAIN).
        VectorCallExpr call => List(call.Arguments) is var arguments && Same(arguments, call.Arguments) ? call : call with { Arguments = arguments },
        AggregateExpr aggregate => aggregate with { Arguments = List(aggregate.Arguments) },
        SubqueryExpr subquery => subquery with { Query = Query(subquery.Query) },
        ExistsExpr exists => exists with { Query = Query(exists.Query) },
        InQueryExpr inQuery => inQuery with { Value = Expr(inQuery.Value), Query = Query(inQuery.Query) },
        CastExpr cast => cast with { Value = Expr(cast.Value) },
        CaseExpr @case => @case with
        {
            Operand = Maybe(@case.Operand),
            Branches = @case.Branches.Select(b => (Expr(b.When), Expr(b.Then))).ToList(),
            Else = Maybe(@case.Else),
        },
        UnaryExpr unary => unary with { Operand = Expr(unary.Operand) },
        BinaryExpr binary => binary with { Left = Expr(binary.Left), Right = Expr(binary.Right) },
        BetweenExpr between => between with { Value = Expr(between.Value), Low = Expr(between.Low), High = Expr(between.High) },
        InExpr inList => inList with { Value = Expr(inList.Value), Items = List(inList.Items) },
        LikeExpr like => like with { Value = Expr(like.Value), Pattern = Expr(like.Pattern), Escape = Maybe(like.Escape) },
        IsNullExpr isNull => isNull with { Value = Expr(isNull.Value) },
        FunctionExpr function => function with { Arguments = List(function.Arguments) },
        _ => throw new ArgumentException("unknown expression " + expr.GetType().Name, nameof(expr)),
    };

    private static bool Same(List<SqlExpr> a, IReadOnlyList<SqlExpr> b)
    {
        for (int i = 0; i < a.Count; i++)
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        return true;
    }

    protected SqlExpr? Maybe(SqlExpr? expr) => expr is null ? null : Expr(expr);

    protected List<SqlExpr> List(IReadOnlyList<SqlExpr> exprs)
    {
        var list = new List<SqlExpr>(exprs.Count);
        foreach (var e in exprs)
            list.Add(Expr(e));
        return list;
    }
}
