using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Views;

namespace VecStore.Storage.Queries;

/// <summary>Rows of a <see cref="RowQuery"/>, read one at a time from SQLite.</summary>
/// <remarks>
/// Values come back as the column declares them: <c>long</c>, <c>double</c>, <c>string</c>,
/// <c>byte[]</c>, <c>bool</c> for BOOLEAN, and for a vector column its vector (float[], or bool[]
/// for BIT; read from the statement's view of the vector store, so uncheckpointed rows are
/// included), or null.
/// </remarks>
public sealed class RowCursor : IDisposable
{
    private readonly SqliteDataReader _reader;
    private readonly ColumnSchema?[] _sources;
    private readonly ColumnView?[] _views;
    private readonly string _database;

    internal RowCursor(SqliteDataReader reader, ColumnSchema?[] sources, ColumnView?[] views, string database)
    {
        _reader = reader;
        _sources = sources;
        _views = views;
        _database = database;
    }

    /// <summary>Number of values in each row.</summary>
    public int FieldCount => _sources.Length;

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

    /// <summary>The value at <paramref name="ordinal"/> of the current row, typed as its column declares.</summary>
    public object? GetValue(int ordinal)
    {
        if (_reader.IsDBNull(ordinal))
            return null;
        var source = _sources[ordinal];
        if (source is { IsVector: true })
            return VectorValues.ToValue(GetVectorData(ordinal), source.Element, source.Dimensions);
        if (source is { Type: ColumnType.Boolean })
            return _reader.GetInt64(ordinal) != 0;
        return _reader.GetValue(ordinal);
    }

    /// <summary>The vector at <paramref name="ordinal"/> in its column's encoding, without copying it (empty for NULL); valid until the statement ends.</summary>
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

    public void Dispose() => _reader.Dispose();
}
