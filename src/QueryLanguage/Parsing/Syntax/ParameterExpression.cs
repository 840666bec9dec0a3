using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A parameter: <c>@name</c>, <c>$name</c> or <c>?</c> (grammar rule Parameter).</summary>
/// <param name="Name">The name without its prefix, or null for <c>?</c>.</param>
/// <param name="Prefix"><c>@</c>, <c>$</c> or <c>?</c>.</param>
/// <param name="Position">For <c>?</c>, its 0-based number in order of appearance across the whole command text; otherwise null.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record ParameterExpression(string? Name, char Prefix, int? Position, SourceSpan Span) : Expression(Span)
{
    /// <summary>True for <c>?</c>.</summary>
    public bool IsPositional => Position is not null;

    /// <inheritdoc />
    internal override int Height => 1;
}
