using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A literal value (grammar rules Literal, SignedLiteral and SignedNumber).</summary>
/// <remarks>A sign directly before a number is folded into it: <c>-5</c> is the literal -5, and its span covers the sign.</remarks>
/// <param name="Kind">The kind of value.</param>
/// <param name="Value">A <see cref="long"/>, <see cref="double"/>, <see cref="string"/> (quotes removed, <c>''</c> read as <c>'</c>), <see cref="bool"/>, <c>byte[]</c>, or null for NULL.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record LiteralExpression(LiteralKind Kind, object? Value, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height => 1;
}
