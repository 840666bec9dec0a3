using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Hnsw;

/// <summary>Which nodes one graph walk has already reached, cleared in constant time between walks.</summary>
/// <remarks>
/// Each node has a 16-bit tag; a node is visited when its tag equals the current epoch, so a new
/// walk only bumps the epoch. Not thread-safe: each walk owns one set, taken from a pool.
/// </remarks>
internal sealed class VisitedSet
{
    private ushort[] _tags;
    private ushort _epoch;

    public VisitedSet(int capacity)
    {
        _tags = new ushort[Math.Max(capacity, 1024)];
    }

    /// <summary>Bytes the tags take.</summary>
    public long MemoryBytes => (long)_tags.Length * sizeof(ushort);

    /// <summary>Starts a new walk over a graph of up to <paramref name="capacity"/> nodes, forgetting every earlier visit.</summary>
    public void Clear(int capacity)
    {
        if (_tags.Length < capacity)
        {
            _tags = new ushort[GrownLength(capacity)];
            _epoch = 0;
        }

        _epoch++;
        if (_epoch == 0)
        {
            // Tags wrap after 65535 walks; only then is the array cleared.
            Array.Clear(_tags);
            _epoch = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false when it already was during this walk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryVisit(int node)
    {
        ushort[] tags = _tags;
        if ((uint)node >= (uint)tags.Length)
        {
            // A writer linked a node added after this walk began.
            tags = Grow(node);
        }

        ref ushort tag = ref tags[node];
        if (tag == _epoch)
        {
            return false;
        }

        tag = _epoch;
        return true;
    }

    /// <summary>True when <paramref name="node"/> was reached during this walk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsVisited(int node)
    {
        ushort[] tags = _tags;
        return (uint)node < (uint)tags.Length && tags[node] == _epoch;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ushort[] Grow(int node)
    {
        var tags = new ushort[GrownLength(node + 1)];
        _tags.CopyTo(tags, 0);
        _tags = tags;
        return tags;
    }

    private static int GrownLength(int needed) => (int)Math.Min(Array.MaxLength, Math.Max(needed, 1024) + ((long)needed / 2));
}
