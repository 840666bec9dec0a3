namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>-</c>.</summary>
    Negate,

    /// <summary><c>+</c>.</summary>
    Plus,

    /// <summary>NOT.</summary>
    Not,
}
