using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>What the planner may ask of the database while it chooses: estimates and sizes, never rows.</summary>
internal interface IPlanStatistics
{
    /// <summary>How many rows <paramref name="where"/> is expected to pass, from at most <paramref name="maxChunks"/> chunks of a sample; null for an empty table.</summary>
    FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, int maxChunks = int.MaxValue);

    /// <summary>True when SQLite finds the rows passing <paramref name="where"/> through an index rather than by reading the table.</summary>
    bool FilterSearchesIndex(TableSchema table, ColumnSchema column, SqlExpr where);

    /// <summary>Vector slots of <paramref name="column"/>: what an exact scan reads.</summary>
    long VectorSlots(ColumnSchema column);

    /// <summary>Rows passing <paramref name="where"/>, counted no further than <paramref name="limit"/>.</summary>
    long CountUpTo(TableSchema table, SqlExpr where, long limit);
}

/// <summary>The planner's statistics, read from a session inside the statement being planned.</summary>
internal sealed class SessionPlanStatistics(Session session) : IPlanStatistics
{
    public FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, int maxChunks = int.MaxValue) => session.EstimateFilter(table, where, maxChunks);

    public bool FilterSearchesIndex(TableSchema table, ColumnSchema column, SqlExpr where) => session.FilterSearchesIndex(table, column, where);

    public long VectorSlots(ColumnSchema column) => session.View(column).SlotCount;

    public long CountUpTo(TableSchema table, SqlExpr where, long limit) => session.CountUpTo(table, where, limit);
}
