namespace VecStore.Storage.Queries;

/// <summary>A scalar function VecStore lets SQLite evaluate; the SQL name is VecStore's constant, never user text.</summary>
public sealed record ScalarFunction(string Name, int MinArguments, int MaxArguments);
