using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>What the planner may ask of the database while it chooses: estimates and sizes, never rows.</summary>
internal interface IPlanStatistics
{
    /// <summary>How many rows <paramref name="where"/> is expected to pass, from at most <paramref name="maxChunks"/> chunks of a sample; null for an empty table.</summary>
    FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, int maxChunks = int.MaxValue);

    /// <summary>How SQLite finds the rows passing <paramref name="where"/> with their slots: reading the table, through an index, or through one that holds the slots.</summary>
    FilterAccess FilterAccess(TableSchema table, ColumnSchema column, SqlExpr where);

    /// <summary>Vector slots of <paramref name="column"/>: what an exact scan reads.</summary>
    long VectorSlots(ColumnSchema column);

    /// <summary>Rows passing <paramref name="where"/>, counted no further than <paramref name="limit"/>.</summary>
    long CountUpTo(TableSchema table, SqlExpr where, long limit);

    /// <summary>Whether the last estimate of a filter of this shape found many rows; null when none was made.</summary>
    bool? FilterWasWide(TableSchema table, SqlExpr where);

    /// <summary>Records whether a filter of this shape found many rows.</summary>
    void RememberFilterWidth(TableSchema table, SqlExpr where, bool wide);

    /// <summary>A fresh estimate made earlier for this very filter and values, or null.</summary>
    FilterEstimate? RememberedEstimate(TableSchema table, SqlExpr where);

    /// <summary>Keeps an estimate for <see cref="RememberedEstimate"/>.</summary>
    void RememberEstimate(TableSchema table, SqlExpr where, FilterEstimate estimate);
}

/// <summary>The planner's statistics, read from a session inside the statement being planned.</summary>
internal sealed class SessionPlanStatistics(Session session) : IPlanStatistics
{
    public FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, int maxChunks = int.MaxValue) => session.EstimateFilter(table, where, maxChunks);

    public FilterAccess FilterAccess(TableSchema table, ColumnSchema column, SqlExpr where) => session.FilterAccess(table, column, where);

    public long VectorSlots(ColumnSchema column) => session.View(column).SlotCount;

    public long CountUpTo(TableSchema table, SqlExpr where, long limit) => session.CountUpTo(table, where, limit);

    public bool? FilterWasWide(TableSchema table, SqlExpr where) => session.FilterWasWide(table, where);

    public void RememberFilterWidth(TableSchema table, SqlExpr where, bool wide) => session.RememberFilterWidth(table, where, wide);

    public FilterEstimate? RememberedEstimate(TableSchema table, SqlExpr where) => session.RememberedEstimate(table, where);

    public void RememberEstimate(TableSchema table, SqlExpr where, FilterEstimate estimate) => session.RememberEstimate(table, where, estimate);
}
