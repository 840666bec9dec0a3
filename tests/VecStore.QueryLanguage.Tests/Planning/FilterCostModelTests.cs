using VecStore.QueryLanguage.Planning;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// The cost model's choices on the two sets it was fitted on (docs/benchmarks.md, "Filtered
/// search"): 60,000 MiniLM sentences of 384 dimensions (HNSW ef_search 48) and 300,000 × 128
/// (ef_search 448), with the filter's column indexed.
/// </summary>
public sealed class FilterCostModelTests
{
    private static FilterCostInputs MiniLm(long passing, FilterAccess access = FilterAccess.CoveringIndex) =>
        new(60_000, 384, passing, access, 10, IndexMethod.Hnsw, 48, 16);

    private static FilterCostInputs Synth128(long passing, FilterAccess access = FilterAccess.CoveringIndex) =>
        new(300_000, 128, passing, access, 10, IndexMethod.Hnsw, 448, 16);

    [Fact]
    public void On_an_easy_graph_a_post_filter_walks_no_wider_than_the_rows_it_asks_for_and_wins_at_ten_percent()
    {
        var costs = FilterCostModel.Estimate(MiniLm(6_000));
        Assert.Equal(300, costs.PostfilterAsk);
        Assert.Equal(300, costs.PostfilterBreadth);
        Assert.Equal(SearchStrategy.Postfilter, costs.Cheapest);
    }

    [Fact]
    public void On_a_hard_graph_a_post_filter_walks_three_times_the_rows_it_asks_for()
    {
        var costs = FilterCostModel.Estimate(Synth128(30_000));
        Assert.Equal(300, costs.PostfilterAsk);
        Assert.Equal(900, costs.PostfilterBreadth);
        Assert.Equal(SearchStrategy.Postfilter, costs.Cheapest);
    }

    [Fact]
    public void Few_passing_rows_are_listed_and_ranked_exactly()
    {
        Assert.Equal(SearchStrategy.Prefilter, FilterCostModel.Estimate(MiniLm(600)).Cheapest);
        Assert.Equal(SearchStrategy.Prefilter, FilterCostModel.Estimate(Synth128(3_000)).Cheapest);
    }

    [Fact]
    public void An_index_that_holds_the_slots_lists_rows_for_a_fraction_of_the_table_lookups()
    {
        var covered = FilterCostModel.Estimate(Synth128(30_000));
        var looked = FilterCostModel.Estimate(Synth128(30_000, FilterAccess.Index));
        Assert.True(covered.ListUs * 4 <= looked.ListUs, $"listing {covered.ListUs} µs covered, {looked.ListUs} µs with lookups");
        // Reading a fifth of the table row by row through an index costs more than reading it all; not through one that holds the slots.
        Assert.True(FilterCostModel.Estimate(Synth128(60_000, FilterAccess.Index)).ScanTable);
        Assert.False(FilterCostModel.Estimate(Synth128(60_000)).ScanTable);
    }
}
