namespace VecStore.Storage.Catalog;

/// <summary>A table to create: its name and columns, already checked by the binder.</summary>
public sealed record TableDefinition(string Name, IReadOnlyList<ColumnDefinition> Columns);
