using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>The values a plan reads from SQLite for each row, and where each output column and sort key comes from.</summary>
/// <remarks>
/// Scalar outputs and scalar sort keys are projections; a distance is computed from the
/// projection holding its vector column. Projections are shared when equal.
/// </remarks>
internal sealed class RowShape
{
    private readonly List<SqlExpr> _projections = [];

    public RowShape(BoundSelect select)
    {
        OutputProjection = new int[select.Columns.Count];
        for (int i = 0; i < select.Columns.Count; i++)
        {
            var column = select.Columns[i];
            OutputProjection[i] = column.Distance is { } d ? Add(new ColumnExpr(d.Column)) : Add(column.Scalar!);
        }
        KeyProjection = new int[select.OrderBy.Count];
        for (int i = 0; i < select.OrderBy.Count; i++)
        {
            var key = select.OrderBy[i];
            KeyProjection[i] = key.Distance is { } d ? Add(new ColumnExpr(d.Column)) : Add(key.Scalar!);
        }
    }

    /// <summary>What SQLite returns per row.</summary>
    public IReadOnlyList<SqlExpr> Projections => _projections;

    /// <summary>For each output column: the projection holding its value, or (for a distance) its vector.</summary>
    public int[] OutputProjection { get; }

    /// <summary>For each ORDER BY key: the projection holding its value, or (for a distance) its vector.</summary>
    public int[] KeyProjection { get; }

    private int Add(SqlExpr expression)
    {
        int existing = _projections.IndexOf(expression);
        if (existing >= 0 && expression is ColumnExpr or RowIdExpr or CountStarExpr)
            return existing;
        _projections.Add(expression);
        return _projections.Count - 1;
    }
}
