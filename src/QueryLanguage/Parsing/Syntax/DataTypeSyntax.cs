using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A column type as written (grammar rule DataType).</summary>
/// <param name="Kind">The type.</param>
/// <param name="Dimensions">For VECTOR(n), n as written (the binder checks its range); otherwise null.</param>
/// <param name="Metric">For VECTOR, the name after METRIC, one of <c>l2</c>, <c>cosine</c>, <c>ip</c>, <c>l1</c>, <c>hamming</c>, <c>jaccard</c> in any case; null when omitted, which means l2.</param>
/// <param name="ElementType">For VECTOR, the element type; <see cref="VectorElementType.Single"/> otherwise.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record DataTypeSyntax(DataTypeKind Kind, long? Dimensions, Identifier? Metric, VectorElementType ElementType, SourceSpan Span) : SyntaxNode(Span);
