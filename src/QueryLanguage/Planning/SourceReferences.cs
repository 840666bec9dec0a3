using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>The FROM items a piece of a query refers to and those it defines itself: what is left over refers outward (correlation).</summary>
internal sealed class SourceReferences : SqlTreeRewriter
{
    private readonly HashSet<int> _referenced = [];
    private readonly HashSet<int> _defined = [];

    /// <summary>The sources <paramref name="expr"/> names that it does not define.</summary>
    public static HashSet<int> FreeIn(SqlExpr? expr, SqlFrom? from = null)
    {
        var walk = new SourceReferences();
        if (expr is not null)
            walk.Expr(expr);
        if (from is not null)
            walk.From(from);
        walk._referenced.ExceptWith(walk._defined);
        return walk._referenced;
    }

    public override SqlFrom From(SqlFrom from)
    {
        switch (from)
        {
            case SqlTableFrom t:
                _defined.Add(t.Source);
                break;
            case SqlSubqueryFrom s:
                _defined.Add(s.Source);
                break;
            case SqlCteFrom c:
                _defined.Add(c.Source);
                break;
            case SqlRankedRowsFrom r:
                _defined.Add(r.Source);
                break;
        }
        return base.From(from);
    }

    public override SqlExpr Expr(SqlExpr expr)
    {
        int? source = expr switch
        {
            ColumnExpr c => c.Source,
            RowIdExpr r => r.Source,
            SourceColumnExpr o => o.Source,
            VectorColumnExpr v => v.Source,
            RankedRowExpr k => k.Source,
            _ => null,
        };
        if (source is int n)
            _referenced.Add(n);
        return base.Expr(expr);
    }
}
