using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>One column of a SELECT's result: a value SQLite computes, a distance VecStore computes, or the row count.</summary>
/// <param name="Name">The column name the reader reports (the alias, the column name, or the expression's text).</param>
/// <param name="ClrType">The type of its values (object when SQLite decides per row).</param>
/// <param name="TypeName">The SQL type name the reader reports.</param>
/// <param name="Scalar">The expression SQLite evaluates, when not a distance.</param>
/// <param name="Distance">The distance VecStore computes, when one.</param>
/// <param name="BaseTable">The table of a column selected as it is (with <c>Scalar</c> a <see cref="ColumnExpr"/>), for the reader's schema.</param>
internal sealed record OutputColumn(string Name, Type ClrType, string TypeName, SqlExpr? Scalar, DistanceCall? Distance, Storage.Catalog.TableSchema? BaseTable = null)
{
    /// <summary>The table column this output shows unchanged, or null for a computed value.</summary>
    public Storage.Catalog.ColumnSchema? BaseColumn => BaseTable is not null && Scalar is ColumnExpr column ? column.Column : null;
}
