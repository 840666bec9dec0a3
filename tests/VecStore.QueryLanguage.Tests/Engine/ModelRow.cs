namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>One row of the in-memory model the engine is checked against.</summary>
internal sealed record ModelRow(long Id, string? Category, double? Price, long? Quantity, bool? Flag, float[]? Vector);
