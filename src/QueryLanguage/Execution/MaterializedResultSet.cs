using VecStore.QueryLanguage.Binding.Bound;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Rows computed in full before the reader sees them (top-k results, sorts, EXPLAIN).</summary>
internal sealed class MaterializedResultSet(IReadOnlyList<OutputColumn> columns, List<object?[]> rows) : IResultSet
{
    private int _position = -1;

    public IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public bool Read() => ++_position < rows.Count;

    public object? GetValue(int ordinal) => rows[_position][ordinal];

    public void Dispose() => _position = rows.Count;
}
