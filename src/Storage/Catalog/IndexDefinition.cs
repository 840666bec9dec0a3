namespace VecStore.Storage.Catalog;

/// <summary>An index to create, already checked by the binder.</summary>
public sealed record IndexDefinition(string Name, TableSchema Table, IndexMethod Method, IReadOnlyList<ColumnSchema> Columns, IReadOnlyDictionary<string, long> Options);
