using VecStore.Storage.Catalog;
using VecStore.Storage.Views;

namespace VecStore.Storage.Indexing;

/// <summary>When an inverted-file index (IVF, IVFPQ) trains, and with how many lists, so that one can be declared on a table before its rows arrive.</summary>
/// <remarks>
/// <para>
/// k-means needs at least as many vectors as lists, and a good partition many more, so an index
/// created on an empty or small table waits: CREATE INDEX records it with the option
/// <see cref="WaitingKey"/> and builds nothing, searches of the column stay exact (EXPLAIN says
/// why), and the write statement after which the column holds <see cref="RowsNeeded"/> vectors
/// trains and fills it inside its own transaction, before its commit (Session.TrainWaitingIndexes).
/// </para>
/// <para>
/// Why there: the training and the catalog change that marks the index trained commit together
/// with the rows that made it possible, so a crash leaves either the old state (waiting, the rows
/// not there) or the new one, never an index the catalog does not describe; its file is written
/// before the commit and is only a cache, ignored while the catalog says the index waits. The
/// cost lands on one commit: at the default threshold that is k-means over about a thousand
/// vectors (milliseconds); a bulk load that brings a large table in one statement pays what
/// CREATE INDEX after the load would have. A background training would leave the commit alone but
/// needs a snapshot outside any statement and a second writer for the catalog, for a wait of
/// milliseconds in the common case.
/// </para>
/// <para>
/// Without <c>lists</c> in WITH the list count is chosen from the rows at training time, 4·√n
/// (the usual 4–16·√n; 980 for 60,000 rows), and kept in the catalog as <see cref="ListsKey"/>.
/// The index trains once: it does not retrain as the table grows (re-create it after the table
/// has grown many times over).
/// </para>
/// </remarks>
internal static class DeferredTraining
{
    /// <summary>Option present (as 1) while the index waits for rows to train on.</summary>
    public const string WaitingKey = "untrained";

    /// <summary>Option holding the list count chosen at training time when WITH gave none.</summary>
    public const string ListsKey = "trained_lists";

    /// <summary>Vectors a column needs before an index without <c>lists</c> trains; below it an exact search costs about a millisecond anyway.</summary>
    public const long DefaultRowsNeeded = 1000;

    public static bool IsWaiting(IndexSchema index) => index.Options.ContainsKey(WaitingKey);

    /// <summary>Vectors the column must hold for the index to train: its <c>lists</c>, or <see cref="DefaultRowsNeeded"/>.</summary>
    public static long RowsNeeded(IndexSchema index) => index.Options.TryGetValue("lists", out long lists) ? lists : DefaultRowsNeeded;

    /// <summary>The list count for <paramref name="vectors"/> vectors when WITH gave none: 4·√n, within 1 to 65,536 and never more than the vectors.</summary>
    public static int ListsFor(long vectors) => (int)Math.Clamp(Math.Round(4 * Math.Sqrt(vectors)), 1, Math.Min(65_536, Math.Max(1, vectors)));

    /// <summary>The catalog options of <paramref name="index"/> once trained on <paramref name="vectors"/> vectors: no longer waiting, and the chosen list count when WITH gave none.</summary>
    public static Dictionary<string, long> TrainedOptions(IndexSchema index, long vectors)
    {
        var options = new Dictionary<string, long>(index.Options);
        options.Remove(WaitingKey);
        if (!options.ContainsKey("lists"))
            options[ListsKey] = ListsFor(vectors);
        return options;
    }

    /// <summary>The vectors <paramref name="view"/> holds.</summary>
    public static long CountVectors(ColumnView view)
    {
        long count = 0;
        for (int b = 0; b < view.BlockCount; b++)
        {
            var block = view.GetBlock(b);
            for (int i = 0; i < block.Count; i++)
                if (block.IsPresent(i))
                    count++;
        }
        return count;
    }
}
