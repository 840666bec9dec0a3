using Microsoft.Data.Sqlite;
using VecStore.Storage.Functions;
using VecStore.Storage.Metadata;
using VecStore.Storage.Views;

namespace VecStore.Storage.Queries;

/// <summary>Rows of a query, read one at a time from SQLite.</summary>
/// <remarks>
/// Values come back as each projection's <see cref="ValueDecoding"/> says: <c>long</c>, <c>double</c>,
/// <c>string</c>, <c>byte[]</c>, <c>bool</c> for BOOLEAN, and for a vector its value (float[], or
/// bool[] for BIT; a stored vector is read from the statement's view of the vector store, so
/// uncheckpointed rows are included), or null.
/// </remarks>
public sealed class RowCursor : IDisposable
{
    private readonly SqliteDataReader _reader;
    private readonly ValueDecoding[] _decodings;
    private readonly ColumnView?[] _views;
    private readonly string _database;

    internal RowCursor(SqliteDataReader reader, ValueDecoding[] decodings, ColumnView?[] views, string database)
    {
        _reader = reader;
        _decodings = decodings;
        _views = views;
        _database = database;
    }

    /// <summary>Number of values in each row.</summary>
    public int FieldCount => _decodings.Length;

    /// <summary>Moves to the next row; false at the end.</summary>
    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, _database, "reading rows");
        }
    }

    /// <summary>The value at <paramref name="ordinal"/> of the current row, decoded as its projection says.</summary>
    public object? GetValue(int ordinal)
    {
        if (_reader.IsDBNull(ordinal))
            return null;
        switch (_decodings[ordinal].Kind)
        {
            case ValueDecodingKind.VectorSlot:
            {
                var column = _decodings[ordinal].Column!;
                return Catalog.VectorValues.ToValue(GetVectorData(ordinal), column.Element, column.Dimensions);
            }
            case ValueDecodingKind.VectorValue:
            {
                var blob = (byte[])_reader.GetValue(ordinal);
                if (!VectorBlob.TryRead(blob, out var element, out int dimensions, out var data))
                    throw new InvalidOperationException("projection " + ordinal + " did not return a vector value");
                return Catalog.VectorValues.ToValue(data, element, dimensions);
            }
            case ValueDecodingKind.Boolean:
                return _reader.GetInt64(ordinal) != 0;
            default:
                return _reader.GetValue(ordinal);
        }
    }

    /// <summary>The stored vector at <paramref name="ordinal"/> (a slot projection) in its column's encoding, without copying it (empty for NULL); valid until the statement ends.</summary>
    public ReadOnlySpan<byte> GetVectorData(int ordinal)
    {
        if (_reader.IsDBNull(ordinal))
            return default;
        var view = _views[ordinal] ?? throw new InvalidOperationException("projection " + ordinal + " is not a vector column");
        long slot = _reader.GetInt64(ordinal);
        var vector = view.GetVectorData(slot);
        if (vector.IsEmpty)
            throw view.MissingVector(_database, slot, null);
        return vector;
    }

    /// <summary>The vector at <paramref name="ordinal"/> (a slot or a vector value) copied out in its element encoding for a column of <paramref name="element"/> and <paramref name="dimensions"/>; null for NULL.</summary>
    /// <param name="actual">When the vector has another element type or length: its type as SQL writes it (and the result is null).</param>
    /// <param name="reuse">A buffer of the vector's length to copy into instead of a new array (the caller consumes the vector before the next row), or null.</param>
    public byte[]? GetVectorBytes(int ordinal, Indexes.VectorElement element, int dimensions, out string? actual, byte[]? reuse = null)
    {
        actual = null;
        if (_reader.IsDBNull(ordinal))
            return null;
        Indexes.VectorElement got;
        int length;
        ReadOnlySpan<byte> data;
        if (_decodings[ordinal].Kind == ValueDecodingKind.VectorSlot)
        {
            var column = _decodings[ordinal].Column!;
            got = column.Element;
            length = column.Dimensions;
            data = GetVectorData(ordinal);
        }
        else if (_reader.GetValue(ordinal) is byte[] blob && VectorBlob.TryRead(blob, out got, out length, out data))
        {
        }
        else
        {
            actual = "a value that is not a vector";
            return null;
        }
        if (got != element || length != dimensions)
        {
            actual = VectorFunctions.TypeText(got, length);
            return null;
        }
        if (reuse is null || reuse.Length != data.Length)
            return data.ToArray();
        data.CopyTo(reuse);
        return reuse;
    }

    public void Dispose() => _reader.Dispose();
}
