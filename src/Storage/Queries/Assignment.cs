using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>One <c>SET column = value</c> of an UPDATE.</summary>
/// <remarks>For a vector column the value is a <see cref="ConstantExpr"/> holding float[] / ReadOnlyMemory&lt;float&gt; or null.</remarks>
public sealed record Assignment(ColumnSchema Column, SqlExpr Value);
