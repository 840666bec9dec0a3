using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A binary operator between two operands.</summary>
/// <param name="Left">The left operand.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Right">The right operand.</param>
/// <param name="OperatorSpan">The operator's token.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record BinaryExpression(Expression Left, BinaryOperator Operator, Expression Right, SourceSpan OperatorSpan, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Math.Max(Left.Height, Right.Height);
}
