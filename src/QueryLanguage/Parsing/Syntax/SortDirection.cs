namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The direction of an ORDER BY item.</summary>
public enum SortDirection
{
    /// <summary>ASC, the default: nearest first for distances.</summary>
    Ascending,

    /// <summary>DESC.</summary>
    Descending,
}
