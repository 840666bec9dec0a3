namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>Which table constraint a <see cref="TableConstraint"/> is.</summary>
public enum TableConstraintKind
{
    /// <summary>PRIMARY KEY (a, b, ...).</summary>
    PrimaryKey,
}
