namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>Which column constraint a <see cref="ColumnConstraint"/> is.</summary>
public enum ColumnConstraintKind
{
    /// <summary>PRIMARY KEY.</summary>
    PrimaryKey,

    /// <summary>NOT NULL.</summary>
    NotNull,

    /// <summary>NULL: explicitly nullable.</summary>
    Null,

    /// <summary>DEFAULT value.</summary>
    Default,
}
