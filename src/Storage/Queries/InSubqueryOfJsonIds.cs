namespace VecStore.Storage.Queries;

/// <summary><c>rowid IN (the ids of a JSON array)</c>: how a set of rows is fetched in one statement.</summary>
/// <param name="JsonIds">A JSON array of integers, bound as one parameter.</param>
public sealed record InSubqueryOfJsonIds(string JsonIds) : SqlExpr
{
    /// <summary>The condition that keeps exactly <paramref name="rowIds"/>.</summary>
    public static InSubqueryOfJsonIds Of(IReadOnlyCollection<long> rowIds) => new(Json(rowIds));

    /// <summary>Row ids as a JSON array, bound as one parameter, so the statement text is the same for any count.</summary>
    internal static string Json(IReadOnlyCollection<long> rowIds)
    {
        var ids = new System.Text.StringBuilder(rowIds.Count * 8).Append('[');
        foreach (long id in rowIds)
            ids.Append(ids.Length > 1 ? "," : "").Append(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ids.Append(']').ToString();
    }
}
