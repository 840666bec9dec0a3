using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Hnsw;

/// <summary>The nodes of an HNSW graph: their vectors, neighbour lists, ids, levels and tombstones.</summary>
/// <remarks>
/// <para>
/// Level-0 record of a node, <see cref="RecordSize"/> bytes, the size rounded up to a multiple
/// of 64 when that wastes little (else of 16):
/// <c>[vector: VectorBytes][count: int32][neighbours: MaxLinks0 × int32][padding]</c>.
/// The vector comes first so that, with a 64-byte record size, every vector starts on a cache
/// line and the wide loads of the distance kernels never straddle two. Upper-level lists live in
/// separate arrays, only for the few nodes above level 0.
/// </para>
/// <para>
/// Nodes are kept in chunks of a fixed number of nodes that never move: growth appends a chunk
/// and publishes a copied table of chunk addresses, so a search on another thread keeps reading
/// valid memory. Nodes are allocated by one writer at a time.
/// </para>
/// </remarks>
internal sealed unsafe class NodeStore : IDisposable
{
    /// <summary>Cache-line size; records start on such a boundary.</summary>
    public const int Alignment = 64;

    // Upper bound on one chunk's record bytes, so that a chunk is one array and one file read.
    private const long MaxChunkBytes = 1L << 30;

    private NodeChunk[] _chunks = [];
    private nint[] _bases = [];
    private int _count;
    private IDisposable? _mapping;

    /// <param name="vectorBytes">Bytes of one stored vector.</param>
    /// <param name="m">Neighbours per node above level 0 (twice as many on level 0).</param>
    /// <param name="storesInverseNorm">Float32 cosine: keep 1/|v| as a float right after the vector (<see cref="InverseNormCosineScorer"/>).</param>
    /// <param name="expectedNodes">When above 0, chunks hold the next power of two at or above it (at least 64 nodes) instead of up to 65,536.</param>
    public NodeStore(int vectorBytes, int m, bool storesInverseNorm = false, int expectedNodes = 0)
    {
        M = m;
        MaxLinks0 = 2 * m;
        VectorBytes = vectorBytes;
        StoresInverseNorm = storesInverseNorm;
        LinksOffset = vectorBytes + (storesInverseNorm ? sizeof(float) : 0);
        int raw = LinksOffset + sizeof(int) + (MaxLinks0 * sizeof(int));
        int aligned = (raw + Alignment - 1) / Alignment * Alignment;
        RecordSize = (aligned - raw) * 8 <= raw ? aligned : (raw + 15) / 16 * 16;
        int shift = 16;
        while (shift > 6 && (((long)RecordSize << shift) > MaxChunkBytes || (expectedNodes > 0 && (1 << (shift - 1)) >= expectedNodes)))
        {
            shift--;
        }

        ChunkShift = shift;
        ChunkMask = (1 << shift) - 1;
    }

    /// <summary>Neighbours per node on levels above 0.</summary>
    public int M { get; }

    /// <summary>Neighbours per node on level 0.</summary>
    public int MaxLinks0 { get; }

    public int VectorBytes { get; }

    /// <summary>True when each record keeps its vector's inverse norm right after the vector.</summary>
    public bool StoresInverseNorm { get; }

    /// <summary>Offset of the neighbour count in a record; the ids follow it.</summary>
    public int LinksOffset { get; }

    public int RecordSize { get; }

    public int ChunkShift { get; }

    public int ChunkMask { get; }

    /// <summary>Number of allocated nodes, deleted ones included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Nodes the current chunks can hold.</summary>
    public int Capacity => Volatile.Read(ref _chunks).Length << ChunkShift;

    /// <summary>Ints one upper level takes in a node's upper-link array: a count and M ids.</summary>
    public int UpperStride => M + 1;

    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            foreach (NodeChunk chunk in Volatile.Read(ref _chunks))
            {
                bytes += chunk.MemoryBytes;
            }

            return bytes;
        }
    }

    /// <summary>The level-0 record of <paramref name="node"/>, which starts with its vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Record(int node) => (byte*)Volatile.Read(ref _bases)[node >> ChunkShift] + ((nint)(node & ChunkMask) * RecordSize);

    /// <summary>The level-0 list of <paramref name="node"/>: element 0 is the count, the ids follow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* Links0(int node) => (int*)(Record(node) + LinksOffset);

    public NodeChunk ChunkOf(int node) => Volatile.Read(ref _chunks)[node >> ChunkShift];

    public NodeChunk Chunk(int index) => Volatile.Read(ref _chunks)[index];

    public int ChunkCount => Volatile.Read(ref _chunks).Length;

    public long IdOf(int node) => ChunkOf(node).Ids[node & ChunkMask];

    public int LevelOf(int node) => ChunkOf(node).Levels[node & ChunkMask];

    /// <summary>The upper-level lists of <paramref name="node"/>; level <c>l</c> starts at <c>(l - 1) * UpperStride</c>.</summary>
    public int[] UpperLinks(int node) => ChunkOf(node).UpperLinks[node & ChunkMask]!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDeleted(int node)
    {
        ulong word = Volatile.Read(ref ChunkOf(node).Deleted[(node & ChunkMask) >> 6]);
        return (word & (1UL << node)) != 0;
    }

    public void MarkDeleted(int node) =>
        Interlocked.Or(ref ChunkOf(node).Deleted[(node & ChunkMask) >> 6], 1UL << node);

    /// <summary>Writes a new node with an empty neighbour list on every level and returns its number.</summary>
    /// <remarks>The node is not reachable until the graph links it; only the writer calls this.</remarks>
    public int Allocate(long id, ReadOnlySpan<byte> vector, int level)
    {
        int node = _count;
        if (node == int.MaxValue)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(node), "An HNSW index holds at most 2^31 - 1 nodes.");
        }

        EnsureCapacity(node + 1);
        byte* record = Record(node);
        var target = new Span<byte>(record, RecordSize);
        vector.CopyTo(target);

        // Clearing the links and padding keeps saved files identical for identical builds.
        target[VectorBytes..].Clear();
        if (StoresInverseNorm)
        {
            float inverse = InverseNormCosineScorer.InverseNorm(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(vector));
            System.Runtime.InteropServices.MemoryMarshal.Write(target[VectorBytes..], in inverse);
        }
        NodeChunk chunk = ChunkOf(node);
        int slot = node & ChunkMask;
        chunk.Ids[slot] = id;
        chunk.Levels[slot] = (byte)level;
        chunk.UpperLinks[slot] = level > 0 ? new int[level * UpperStride] : null;
        Volatile.Write(ref _count, node + 1);
        return node;
    }

    /// <summary>Takes the level-0 records of <paramref name="nodes"/> loaded nodes from mapped file memory that <paramref name="mapping"/> keeps alive.</summary>
    /// <remarks>
    /// Chunks use the mapped records in place (copy-on-write, so later link changes stay
    /// private); a last, partial chunk is copied into memory with room to grow only when a node
    /// is added to it.
    /// The ids, levels and the rest are then filled in by the loader through <see cref="Chunk"/>.
    /// </remarks>
    public void AdoptMapped(byte* records, int nodes, IDisposable mapping)
    {
        int chunkSize = 1 << ChunkShift;
        int total = (int)(((long)nodes + ChunkMask) >> ChunkShift);
        var chunks = new NodeChunk[total];
        var bases = new nint[total];
        for (int c = 0; c < total; c++)
        {
            byte* first = records + ((long)c * chunkSize * RecordSize);
            chunks[c] = new NodeChunk(first, chunkSize, Math.Min(chunkSize, nodes - (c * chunkSize)), RecordSize);
            bases[c] = chunks[c].Base;
        }

        _mapping = mapping;
        _bases = bases;
        _chunks = chunks;
        _count = nodes;
    }

    /// <summary>Unmaps a loaded file; no search may run during or after this.</summary>
    public void Dispose()
    {
        _mapping?.Dispose();
        _mapping = null;
    }

    private void EnsureCapacity(int nodes)
    {
        NodeChunk[] chunks = _chunks;
        int needed = (int)(((long)nodes + ChunkMask) >> ChunkShift);
        int last = chunks.Length - 1;
        bool copyMapped = last >= 0 && chunks[last].MappedNodes >= 0 && chunks[last].MappedNodes < (1 << ChunkShift) && nodes > (last << ChunkShift) + chunks[last].MappedNodes;
        if (needed <= chunks.Length && !copyMapped)
        {
            return;
        }

        needed = Math.Max(needed, chunks.Length);
        var grown = new NodeChunk[needed];
        var bases = new nint[needed];
        chunks.CopyTo(grown, 0);
        if (copyMapped)
        {
            // Searches still reading the mapped records see valid, if older, lists.
            grown[last] = chunks[last].WithOwnRecords(RecordSize);
        }

        for (int i = 0; i < needed; i++)
        {
            grown[i] ??= new NodeChunk(1 << ChunkShift, RecordSize);
            bases[i] = grown[i].Base;
        }

        // Readers use either table; both point at the same, unmoved chunks.
        Volatile.Write(ref _bases, bases);
        Volatile.Write(ref _chunks, grown);
    }
}
