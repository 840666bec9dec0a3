using System.Globalization;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>What the cost of a filtered nearest-neighbour search depends on.</summary>
/// <param name="Vectors">Vectors in the column (slots of the view).</param>
/// <param name="Dimensions">Dimensions of each vector.</param>
/// <param name="PassingRows">Rows expected to pass the filter (estimated before, counted after the candidate list).</param>
/// <param name="Access">How SQLite finds the passing rows: by reading the whole table, through an index of theirs, or through one that also holds the slots.</param>
/// <param name="K">Rows asked for (LIMIT + OFFSET).</param>
/// <param name="Method">The ANN index on the column, or null.</param>
/// <param name="Breadth">ef_search (HNSW) or nprobe (IVF, IVFPQ) the search uses.</param>
/// <param name="Links">HNSW's m: a node has up to 2m neighbours on the bottom level.</param>
/// <param name="Lists">An inverted file's lists.</param>
/// <param name="Share">The share of rows that pass when it is known apart from <paramref name="PassingRows"/> (a sample's estimate); null to take PassingRows / Vectors.</param>
internal readonly record struct FilterCostInputs(long Vectors, int Dimensions, long PassingRows, FilterAccess Access, int K,
    IndexMethod? Method = null, int Breadth = 0, int Links = 16, int Lists = 1, double? Share = null)
{
    /// <summary>True when SQLite finds the passing rows through an index rather than by reading the table.</summary>
    public bool FilterSearchesIndex => Access != FilterAccess.TableScan;

    /// <summary>The share of vectors that pass, from 0 to 1.</summary>
    public double Selectivity => Share ?? (Vectors == 0 ? 1 : Math.Clamp((double)PassingRows / Vectors, 0, 1));
}

/// <summary>The estimated time of each strategy, in microseconds; <see cref="double.PositiveInfinity"/> when it cannot run.</summary>
/// <param name="ScanTable">True when the candidate list is cheaper to build by reading the whole table than through SQLite's index (the planner then tells SQLite not to use it).</param>
/// <param name="PostfilterAsk">Rows a post-filtering search asks the index for, so that about 3k pass an independent filter.</param>
/// <param name="PostfilterBreadth">The breadth (ef_search or nprobe) it searches with.</param>
internal sealed record FilterCosts(double ListUs, double PrefilterUs, double FlatUs, double IndexUs, double PostfilterUs, bool ScanTable, int PostfilterAsk, int PostfilterBreadth)
{
    /// <summary>The cheapest strategy that builds the candidate list: what a post-filter falls back to.</summary>
    public double ListPathUs => Math.Min(Math.Min(PrefilterUs, FlatUs), IndexUs);

    /// <summary>The cheapest strategy; an exact one wins ties.</summary>
    public SearchStrategy Cheapest
    {
        get
        {
            var best = SearchStrategy.Prefilter;
            double cost = PrefilterUs;
            if (FlatUs < cost)
                (best, cost) = (SearchStrategy.Flat, FlatUs);
            if (IndexUs < cost)
                (best, cost) = (SearchStrategy.Index, IndexUs);
            if (PostfilterUs < cost)
                best = SearchStrategy.Postfilter;
            return best;
        }
    }

    /// <summary><c>prefilter 1.20 ms, flat 3.40 ms, ...</c> for EXPLAIN.</summary>
    public string Describe()
    {
        var parts = new List<string>(4) { "prefilter " + Ms(PrefilterUs), "flat " + Ms(FlatUs) };
        if (!double.IsPositiveInfinity(IndexUs))
            parts.Add("index " + Ms(IndexUs));
        if (!double.IsPositiveInfinity(PostfilterUs))
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"postfilter {Ms(PostfilterUs)} (asking for {PostfilterAsk} rows)"));
        return string.Join(", ", parts);
    }

    private static string Ms(double us) => double.IsPositiveInfinity(us) ? "-" : (us / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}

/// <summary>
/// The planner's cost model for <c>WHERE ... ORDER BY distance(...) LIMIT k</c>: the estimated time
/// of each strategy, all in one place so that the choice can be read and checked.
/// </summary>
/// <remarks>
/// <para>The strategies and what they pay:</para>
/// <list type="bullet">
/// <item>prefilter: SQLite lists the passing rows (the candidate list), each is ranked exactly: list + P distances;</item>
/// <item>flat: the list, then a sequential scan of every vector that skips the failing ones: list + N distances at scan speed;</item>
/// <item>index: the list as a bitmap, then the ANN search admits only passing rows. An HNSW walk
/// expands about ef / s nodes to find ef passing ones (s the passing share), 2m neighbours each,
/// but never more than every node; an inverted file probes nprobe / s lists;</item>
/// <item>postfilter: no list at all. The index searches unfiltered for A = 3k / s rows (so about 3k
/// pass an independent filter; HNSW with ef = 3A, since the rows deep in a candidate list are the
/// walk's least accurate) and SQLite checks just those A rows.</item>
/// </list>
/// <para>
/// The constants are microseconds measured on the reference machine (2 cores) with
/// <c>vecstore bench --filter-selectivity</c> on 300,000 vectors of 128 dimensions
/// (docs/benchmarks.md); only their ratios matter. A row SQLite yields through an index costs
/// about seven rows of a sequential table scan, because each one is a B-tree lookup of its
/// table row: past about 1/7 of the table it is cheaper to scan, and the planner says so.
/// </para>
/// </remarks>
internal static class FilterCostModel
{
    /// <summary>One passing row into the candidate list when SQLite finds it through an index (an index entry and a table-row lookup).</summary>
    public const double ListIndexedRowUs = 0.9;

    /// <summary>One passing row into the candidate list when the index SQLite searches also holds the slots (no table-row lookup).</summary>
    public const double ListCoveredRowUs = 0.2;

    /// <summary>One row of a sequential table scan that evaluates the filter, passing or not.</summary>
    public const double ListScannedRowUs = 0.13;

    /// <summary>One row a post-filtering search proposes, checked by SQLite by row id.</summary>
    public const double CheckRowUs = 0.7;

    /// <summary>One dimension of an exact distance to a vector fetched by slot (candidates ranked one by one).</summary>
    public const double GatherNsPerDimension = 0.4;

    /// <summary>One dimension of an exact distance in a sequential scan of the vector file.</summary>
    public const double ScanNsPerDimension = 0.18;

    /// <summary>One distance computed during an HNSW walk, apart from its dimensions: a random read of the vector, the visited set and the heaps.</summary>
    public const double WalkNsPerDistance = 60;

    /// <summary>One dimension of a distance computed during an HNSW walk.</summary>
    /// <remarks>
    /// With <see cref="WalkNsPerDistance"/>, fitted to unfiltered walks on 60,000 × 384 (ef_search
    /// 48 to 900) and on 300,000 × 128 at its default (docs/benchmarks.md): a walk of breadth ef
    /// computes about ef · m distances (most of a node's 2m neighbours were seen already).
    /// </remarks>
    public const double WalkNsPerDimension = 0.19;

    /// <summary>
    /// A post-filter asks for this many times k / s rows: about 3k of them pass an independent
    /// filter, so the k-th passing row usually comes from the nearer part of the proposals
    /// (where the search is accurate) and the answer settles in one round.
    /// </summary>
    public const double PostfilterOverAsk = 3;

    /// <summary>
    /// At most, an HNSW post-filter searches with ef = this many times the rows it asks for (at
    /// least the index's ef_search). Measured on 300,000 × 128 under a filter passing 10% of the
    /// rows cluster by cluster: recall 0.948 with twice, 0.967 with three times, at the same speed
    /// (the rounds settle sooner).
    /// </summary>
    public const int PostfilterCandidateFactor = 3;

    /// <summary>
    /// The factor an HNSW post-filter multiplies its rows by for ef: the index's breadth per row
    /// asked for (ef_search / k) says how hard its graph is to walk. 300,000 × 128 needs ef 448
    /// for k = 10 (45 per row) and three times the rows for recall 0.95 under a clustered 10%
    /// filter; 60,000 MiniLM sentences need ef 48 (4.8 per row), and ef = the rows asked for
    /// gives recall 0.97 at every selectivity there, at a third of the walk.
    /// </summary>
    public static int PostfilterFactor(int breadth, int k) => (int)Math.Clamp(breadth / (10.0 * Math.Max(1, k)), 1, PostfilterCandidateFactor);

    /// <summary>An HNSW walk computing <paramref name="distances"/> distances of <paramref name="dimensions"/> dimensions, in microseconds.</summary>
    public static double WalkUs(double distances, int dimensions) => distances * (WalkNsPerDistance + dimensions * WalkNsPerDimension) / 1000;

    /// <summary>The estimated time of every strategy for <paramref name="input"/>.</summary>
    public static FilterCosts Estimate(FilterCostInputs input)
    {
        double n = input.Vectors, p = Math.Min(input.PassingRows, input.Vectors), d = input.Dimensions;
        double indexed = p * (input.Access == FilterAccess.CoveringIndex ? ListCoveredRowUs : ListIndexedRowUs), scanned = n * ListScannedRowUs;
        bool scanTable = input.FilterSearchesIndex && scanned < indexed;
        double list = input.FilterSearchesIndex ? Math.Min(indexed, scanned) : scanned;

        double prefilter = list + p * d * GatherNsPerDimension / 1000;
        double flat = list + n * d * ScanNsPerDimension / 1000;
        double index = double.PositiveInfinity, postfilter = double.PositiveInfinity;
        int ask = 0, breadth = 0;
        if (input.Method is { } method)
        {
            double s = input.Selectivity;
            index = list + FilteredSearchUs(input, method, s);
            double wanted = s > 0 ? Math.Ceiling(PostfilterOverAsk * input.K / s) : double.PositiveInfinity;
            if (wanted <= Planner.MaxAnnRows)
            {
                ask = (int)Math.Max(2 * input.K, wanted);
                (postfilter, breadth) = PostfilterRound(input, method, ask);
            }
        }
        return new FilterCosts(list, prefilter, flat, index, postfilter, scanTable, ask, breadth);
    }

    /// <summary>The ANN search that admits only passing rows, once the list is built.</summary>
    public static double FilteredSearchUs(FilterCostInputs input, IndexMethod method, double selectivity)
    {
        double n = input.Vectors;
        if (method.IsInvertedFile())
            return ProbeUs(input, FilteredProbes(input.Breadth, input.Lists, selectivity));
        double expanded = selectivity > 0 ? input.Breadth / selectivity : n;
        // A filtered walk expands failing nodes without keeping them: its neighbours are less
        // often seen already, so count all 2m of them.
        return WalkUs(Math.Min(n, expanded * 2 * input.Links), input.Dimensions);
    }

    /// <summary>One post-filtering round asking for <paramref name="rows"/> rows: the unfiltered search and SQLite's check of its rows; its time and the breadth it searches with.</summary>
    public static (double Us, int Breadth) PostfilterRound(FilterCostInputs input, IndexMethod method, int rows)
    {
        var (us, breadth) = UnfilteredSearch(input, method, rows);
        return (us + rows * CheckRowUs, breadth);
    }

    /// <summary>An unfiltered ANN search for <paramref name="rows"/> rows: its time and the breadth it needs.</summary>
    private static (double Us, int Breadth) UnfilteredSearch(FilterCostInputs input, IndexMethod method, int rows)
    {
        if (method.IsInvertedFile())
        {
            // nprobe lists hold the nearest k rows about as often as the index's recall says; the
            // nearest rows · k of them need about rows / k times as many lists.
            int nprobe = (int)Math.Min(input.Lists, Math.Ceiling((double)input.Breadth * Math.Max(1.0, (double)rows / Math.Max(1, PostfilterOverAsk * input.K))));
            return (ProbeUs(input, nprobe), nprobe);
        }
        // A candidate list longer than the rows asked for: the rows deep in a list as long as ef
        // are the walk's least accurate, and a post-filter's answer may come from there.
        int ef = (int)Math.Min(int.MaxValue, Math.Max(input.Breadth, (long)PostfilterFactor(input.Breadth, input.K) * rows));
        return (WalkUs(Math.Min(input.Vectors, (double)ef * input.Links), input.Dimensions), ef);
    }

    /// <summary>
    /// The lists an inverted-file search that admits only passing rows must probe: nprobe finds
    /// the nearest k rows, and the nearest k passing rows lie among about the nearest k / s, so
    /// the probes grow by 1 / s. Probing only nprobe lists (as FAISS does with a selector) found
    /// 60% of them under a 1% filter on 300,000 × 128.
    /// </summary>
    public static int FilteredProbes(int nprobe, int lists, double selectivity) =>
        (int)Math.Min(lists, Math.Ceiling(nprobe / Math.Max(selectivity, 1e-9)));

    /// <summary>An inverted-file probe of <paramref name="nprobe"/> lists: the centroids, then the lists' vectors at scan speed.</summary>
    private static double ProbeUs(FilterCostInputs input, int nprobe)
    {
        double rows = (double)input.Vectors * Math.Min(1.0, (double)nprobe / Math.Max(1, input.Lists));
        return (input.Lists + rows) * input.Dimensions * ScanNsPerDimension / 1000;
    }

    /// <summary>After the candidate list is built: whether ranking its rows exactly costs less than the filtered ANN search.</summary>
    public static bool ExactBeatsIndex(FilterCostInputs input, IndexMethod method)
    {
        double exact = Math.Min(input.PassingRows * input.Dimensions * GatherNsPerDimension, input.Vectors * input.Dimensions * ScanNsPerDimension) / 1000;
        return exact <= FilteredSearchUs(input, method, input.Selectivity);
    }
}
