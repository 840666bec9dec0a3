using VecStore.QueryLanguage.Binding.Bound;

namespace VecStore.QueryLanguage.Execution;

/// <summary>The rows one statement returns, read forward once.</summary>
internal interface IResultSet : IDisposable
{
    /// <summary>Name and type of each column.</summary>
    IReadOnlyList<OutputColumn> Columns { get; }

    /// <summary>Moves to the next row; false at the end.</summary>
    bool Read();

    /// <summary>A value of the current row (null for NULL).</summary>
    object? GetValue(int ordinal);
}
