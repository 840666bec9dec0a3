using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>The rows of a relational SELECT, streamed from the one SQLite statement it became.</summary>
/// <remarks>Owns the statement: the transaction stays open until the reader is done, and ends when it is disposed.</remarks>
internal sealed class RelationalResultSet : IResultSet
{
    private readonly RowCursor _cursor;
    private readonly StatementScope _scope;
    private bool _done;

    public RelationalResultSet(IReadOnlyList<OutputColumn> columns, RowCursor cursor, StatementScope scope)
    {
        Columns = columns;
        _cursor = cursor;
        _scope = scope;
    }

    public IReadOnlyList<OutputColumn> Columns { get; }

    public bool Read()
    {
        if (_done)
            return false;
        if (_cursor.Read())
            return true;
        Finish();
        return false;
    }

    public object? GetValue(int ordinal) => _cursor.GetValue(ordinal);

    public void Dispose() => Finish();

    private void Finish()
    {
        if (_done)
            return;
        _done = true;
        _cursor.Dispose();
        _scope.Complete();
    }
}
