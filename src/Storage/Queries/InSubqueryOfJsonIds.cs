namespace VecStore.Storage.Queries;

/// <summary><c>rowid IN (the ids of a JSON array)</c>: how a set of rows is fetched in one statement.</summary>
/// <param name="JsonIds">A JSON array of integers, bound as one parameter.</param>
public sealed record InSubqueryOfJsonIds(string JsonIds) : SqlExpr;
