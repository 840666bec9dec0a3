using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>One key of ORDER BY: a scalar expression or a distance, and its direction.</summary>
internal sealed record SortKey(SqlExpr? Scalar, DistanceCall? Distance, bool Descending, string Text);
