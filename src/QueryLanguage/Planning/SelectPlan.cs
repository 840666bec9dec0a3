using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Planning;

/// <summary>How a SELECT is executed; chosen by the <see cref="Planner"/>, printed by EXPLAIN.</summary>
/// <param name="Reason">Why the planner chose this plan, for EXPLAIN.</param>
internal abstract record SelectPlan(BoundSelect Select, RowShape Shape, string Reason);

/// <summary>SQLite filters, orders and limits; VecStore adds distances to each row as it streams.</summary>
internal sealed record ScalarScanPlan(BoundSelect Select, RowShape Shape, string Reason) : SelectPlan(Select, Shape, Reason);

/// <summary>Exact k-nearest search: SQLite yields the rows that pass the filter, a Flat scan ranks their vectors, the winners' columns are fetched by row id.</summary>
/// <param name="Order">The distance the rows are ordered by.</param>
/// <param name="Descending">True for ORDER BY ... DESC.</param>
/// <param name="TieBreakers">Further ORDER BY keys, which order rows at equal distance.</param>
/// <param name="Index">The HNSW index that ranks the rows, or null for an exact scan.</param>
/// <param name="Breadth">The search breadth through <paramref name="Index"/> (ef_search for HNSW, nprobe for IVF): from WITH or the index's default.</param>
/// <param name="Strategy">The strategy the query forced with WITH (strategy = ...), or Auto.</param>
/// <param name="Choice">Under Auto with a filter: the strategy the cost model chose and the estimates behind it; null when there was nothing to estimate (a batch, an empty table).</param>
/// <param name="Radius">A range on <paramref name="Order"/> that bounds only the far end of the ranking (<c>distance(v, @q) &lt; r</c> nearest first): the ranked rows are cut at it, or null.</param>
internal sealed record VectorTopKPlan(BoundSelect Select, RowShape Shape, string Reason, DistanceCall Order, bool Descending, IReadOnlyList<SortKey> TieBreakers,
    IndexSchema? Index = null, int Breadth = 0, SearchStrategy Strategy = SearchStrategy.Auto, FilterChoice? Choice = null, DistanceRange? Radius = null)
    : SelectPlan(Select, Shape, Reason)
{
    /// <summary>The strategy that ranks the vectors, in the names of <c>WITH (strategy = ...)</c> and the cost model: forced, else the cost model's choice, else the index when one serves the query, else flat when nothing filters.</summary>
    /// <remarks>Auto when the rows that pass decide at run time: a filter, no index and no estimate (a batch of queries, an empty table): prefilter below 1/8 of the vectors, else flat.</remarks>
    public SearchStrategy Ranking => Strategy != SearchStrategy.Auto ? Strategy
        : Choice?.Strategy ?? (Index is not null ? SearchStrategy.Index
        : Select.Where is null && Select.Ranges.Count == 0 ? SearchStrategy.Flat
        : SearchStrategy.Auto);
}

/// <summary>The cost model's choice for a filtered search.</summary>
/// <param name="Strategy">The cheapest strategy.</param>
/// <param name="Estimate">The filter estimate it started from.</param>
/// <param name="Inputs">What the costs were computed from (rows passing as estimated).</param>
/// <param name="Costs">Every strategy's estimated time.</param>
internal sealed record FilterChoice(SearchStrategy Strategy, VecStore.Storage.FilterEstimate Estimate, FilterCostInputs Inputs, FilterCosts Costs);

/// <summary>Every matching row is read, its distances computed, and the rows sorted in memory (ORDER BY mixes keys in a way no index serves).</summary>
internal sealed record InMemorySortPlan(BoundSelect Select, RowShape Shape, string Reason) : SelectPlan(Select, Shape, Reason);
