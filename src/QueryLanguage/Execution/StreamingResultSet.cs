using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Rows streamed from SQLite, with each row's distances computed as it is read.</summary>
/// <remarks>Owns the statement: the transaction stays open until the reader is done, and ends when it is disposed.</remarks>
internal sealed class StreamingResultSet : IResultSet
{
    private readonly RowCursor _cursor;
    private readonly StatementScope _scope;
    private readonly int[] _projection;
    private readonly DistanceCall?[] _distances;
    private bool _done;

    public StreamingResultSet(IReadOnlyList<OutputColumn> columns, RowShape shape, RowCursor cursor, StatementScope scope)
    {
        Columns = columns;
        _cursor = cursor;
        _scope = scope;
        _projection = shape.OutputProjection;
        _distances = new DistanceCall?[columns.Count];
        for (int i = 0; i < columns.Count; i++)
            _distances[i] = columns[i].Distance;
    }

    public IReadOnlyList<OutputColumn> Columns { get; }

    public bool Read()
    {
        if (_done)
            return false;
        if (_cursor.Read())
            return true;
        Finish(success: true);
        return false;
    }

    public object? GetValue(int ordinal)
    {
        if (_distances[ordinal] is { } distance)
        {
            var vector = _cursor.GetVectorData(_projection[ordinal]);
            return vector.IsEmpty ? null : distance.Evaluate(vector);
        }
        return _cursor.GetValue(_projection[ordinal]);
    }

    public void Dispose() => Finish(success: true);

    private void Finish(bool success)
    {
        if (_done)
            return;
        _done = true;
        _cursor.Dispose();
        if (success)
            _scope.Complete();
        else
            _scope.Dispose();
    }
}
