namespace VecStore.Repl.Bench;

/// <summary>For every query, the ids (0-based base rows) of its exact nearest neighbours, best first: the ground truth.</summary>
internal sealed class NeighborLists
{
    private readonly int[] _ids;

    /// <summary>Wraps <paramref name="ids"/>, <paramref name="queries"/> lists of <paramref name="depth"/> ids each.</summary>
    public NeighborLists(int[] ids, int queries, int depth)
    {
        if ((long)queries * depth != ids.Length)
            throw new ArgumentException($"{ids.Length} ids are not {queries} lists of {depth}", nameof(ids));
        _ids = ids;
        Queries = queries;
        Depth = depth;
    }

    /// <summary>How many queries have a list.</summary>
    public int Queries { get; }

    /// <summary>Neighbours kept per query (100 in the prepared datasets).</summary>
    public int Depth { get; }

    /// <summary>Every id, list after list.</summary>
    public int[] Ids => _ids;

    /// <summary>The neighbours of query <paramref name="query"/>, best first.</summary>
    public ReadOnlySpan<int> Of(int query) => _ids.AsSpan(query * Depth, Depth);
}
