using VecStore.Indexes;
using VecStore.Indexes.Flat;
using VecStore.Storage.Catalog;
using VecStore.Storage.Views;

namespace VecStore.Storage.Indexing;

/// <summary>
/// Chooses a new vector index's default search breadth (ef_search for HNSW, nprobe for IVF and
/// IVFPQ) when CREATE INDEX does not give one: the smallest that finds at least
/// <see cref="TargetRecall"/> of the exact 10 nearest neighbours of stored vectors.
/// </summary>
/// <remarks>
/// A fixed default is right for some data and far off for other: on 300,000 Gaussian-mixture
/// vectors of 128 dimensions HNSW's ef_search = 64 finds 91% of the true neighbours, on
/// Fashion-MNIST over 99%. Tuning makes "the default parameters" mean a recall, which is what a
/// user of a database expects. The queries are <see cref="SampleQueries"/> stored vectors drawn
/// with a fixed seed, each looking for its 10 nearest other vectors (itself left out), so they
/// come from the data's own distribution. Exact answers come from one batched scan; then each
/// breadth of a doubling ladder is tried until the recall is reached. On 1M × 128 this adds about
/// a second to a build of minutes.
/// </remarks>
public static class BreadthTuner
{
    /// <summary>The recall the default breadth reaches on the sample; above 0.95 by a margin for queries unlike the stored vectors.</summary>
    public const double TargetRecall = 0.97;

    /// <summary>Stored vectors used as queries.</summary>
    public const int SampleQueries = 200;

    /// <summary>Below this many vectors the index keeps the fixed default (a small table is cheap to search widely anyway).</summary>
    public const int MinimumVectors = 1000;

    /// <summary>Option key under which the tuned breadth is kept in the catalog, beside the options the user gave.</summary>
    public const string OptionKey = "tuned_breadth";

    private const int Neighbors = 10;

    /// <summary>ef_search values tried, about 25% apart from 64 up: a coarser ladder overshoots (384 → 512 costs a third more per query).</summary>
    private static readonly int[] HnswLadder = [16, 24, 32, 48, 64, 80, 96, 128, 160, 192, 256, 320, 384, 448, 512, 640, 768, 1024];

    /// <summary>The breadth to use by default, or null when the column is too small or not float32 (the fixed default stays).</summary>
    /// <remarks>Reported as one stage, the breadths tried; the exact scan stops when <paramref name="monitor"/> does.</remarks>
    internal static int? Tune(IUpdatableVectorIndex index, IndexSchema schema, ColumnSchema column, ColumnView view, int threads, StatementMonitor monitor)
    {
        if (column.Element != VectorElement.Float32 || index.Count < MinimumVectors)
            return null;
        int lists = schema.Method.IsInvertedFile() ? Session.ListsOf(schema) : 0;
        int steps = 0;
        foreach (int _ in Ladder(schema.Method, lists))
            steps++;
        monitor.Begin("tuning the default search breadth", steps + 1);
        var slots = SampleSlots(view);
        if (slots.Count < SampleQueries / 2)
            return null;
        int dims = column.Dimensions;
        var queries = new float[slots.Count * dims];
        for (int i = 0; i < slots.Count; i++)
            view.GetVector(slots[i]).CopyTo(queries.AsSpan(i * dims, dims));

        // Exact: the 11 nearest, which hold the 10 nearest other than the query itself.
        var options = new FlatSearchOptions { MaxThreads = threads, CancellationToken = monitor.Token };
        var exact = new Neighbor[slots.Count * (Neighbors + 1)];
        var found = new int[slots.Count];
        new FlatIndex(view, column.Metric, options).SearchBatch(queries, slots.Count, new AcceptAll(), exact, Neighbors + 1, found, false, options);
        var truth = new HashSet<long>[slots.Count];
        for (int q = 0; q < slots.Count; q++)
        {
            truth[q] = new HashSet<long>(Neighbors);
            for (int i = 0; i < found[q] && truth[q].Count < Neighbors; i++)
                if (exact[q * (Neighbors + 1) + i].Id != slots[q])
                    truth[q].Add(exact[q * (Neighbors + 1) + i].Id);
        }

        var results = new Neighbor[Neighbors + 1];
        int step = 0;
        foreach (int breadth in Ladder(schema.Method, lists))
        {
            monitor.Report(++step);
            long hits = 0, wanted = 0;
            for (int q = 0; q < slots.Count; q++)
            {
                int n = index.Search(queries.AsSpan(q * dims, dims), new AcceptAll(), results, breadth, view);
                for (int i = 0; i < n; i++)
                    if (truth[q].Contains(results[i].Id))
                        hits++;
                wanted += truth[q].Count;
            }
            if (hits >= TargetRecall * wanted)
                return breadth;
        }
        return lists > 0 ? lists : HnswLadder[^1];
    }

    /// <summary>HNSW's ef ladder, or nprobe doubling up to every list.</summary>
    private static IEnumerable<int> Ladder(IndexMethod method, int lists)
    {
        if (!method.IsInvertedFile())
        {
            foreach (int ef in HnswLadder)
                yield return ef;
            yield break;
        }
        for (int nprobe = 1; nprobe < lists; nprobe *= 2)
            yield return nprobe;
        yield return lists;
    }

    /// <summary>Up to <see cref="SampleQueries"/> slots holding vectors, drawn with a fixed seed.</summary>
    private static List<long> SampleSlots(ColumnView view)
    {
        var random = new Random(17);
        var slots = new List<long>(SampleQueries);
        var seen = new HashSet<long>();
        for (int attempt = 0; attempt < SampleQueries * 20 && slots.Count < SampleQueries; attempt++)
        {
            long slot = random.NextInt64(view.SlotCount);
            if (view.RowIdOf(slot) is not null && seen.Add(slot))
                slots.Add(slot);
        }
        return slots;
    }
}
