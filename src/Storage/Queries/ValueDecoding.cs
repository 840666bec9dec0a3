using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>How a value SQLite returns becomes the value a reader gives: as it is, a BOOLEAN, a stored vector (by slot) or a vector value (a BLOB).</summary>
/// <param name="Kind">The conversion.</param>
/// <param name="Column">For <see cref="ValueDecodingKind.VectorSlot"/>: the vector column the slot belongs to.</param>
public readonly record struct ValueDecoding(ValueDecodingKind Kind, ColumnSchema? Column = null)
{
    /// <summary>The value as SQLite returns it.</summary>
    public static ValueDecoding AsStored => new(ValueDecodingKind.AsStored);

    /// <summary>How a projection of a single-table statement reads back, from its expression alone.</summary>
    public static ValueDecoding Of(SqlExpr projection) => projection switch
    {
        ColumnExpr { Column.IsVector: true } c => new(ValueDecodingKind.VectorSlot, c.Column),
        ColumnExpr { Column.Type: ColumnType.Boolean } => new(ValueDecodingKind.Boolean),
        VectorCallExpr { ReturnsVector: true } or VectorConstantExpr or VectorColumnExpr => new(ValueDecodingKind.VectorValue),
        _ => AsStored,
    };
}

/// <summary>The conversions of <see cref="ValueDecoding"/>.</summary>
public enum ValueDecodingKind
{
    /// <summary>long, double, string, byte[] or null, as SQLite returns it.</summary>
    AsStored,

    /// <summary>An INTEGER read as bool.</summary>
    Boolean,

    /// <summary>A slot number read as the column's vector (float[], or bool[] for BIT) through the statement's view.</summary>
    VectorSlot,

    /// <summary>A vector value (a BLOB, see <see cref="Functions.VectorBlob"/>) read as float[], or bool[] for BIT.</summary>
    VectorValue,
}
