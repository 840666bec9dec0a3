using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VecStore.Indexes.Hnsw;

/// <summary>The storage of a fixed run of consecutive graph nodes; never moved or resized once made.</summary>
/// <remarks>
/// The records are either a pinned array or a view of a memory-mapped index file (a loaded
/// index), so pointers into them stay valid for the chunk's lifetime and a search on another
/// thread can keep reading while a writer adds chunks.
/// </remarks>
internal sealed unsafe class NodeChunk
{
    private readonly byte[]? _records;
    private readonly int _length;

    /// <summary>A chunk whose records live in a new pinned array.</summary>
    public NodeChunk(int nodes, int recordSize)
        : this(nodes)
    {
        // Pinned and over-allocated so that the first record can start on a cache line.
        _length = checked(nodes * recordSize);
        _records = GC.AllocateUninitializedArray<byte>(_length + NodeStore.Alignment - 1, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_records));
        Base = address + ((NodeStore.Alignment - (address % NodeStore.Alignment)) % NodeStore.Alignment);
    }

    /// <summary>A chunk of <paramref name="nodes"/> slots whose first <paramref name="mappedNodes"/> records are the mapped memory at <paramref name="records"/>, which its owner keeps mapped.</summary>
    public NodeChunk(byte* records, int nodes, int mappedNodes, int recordSize)
        : this(nodes)
    {
        _length = checked(mappedNodes * recordSize);
        Base = (nint)records;
        MappedNodes = mappedNodes;
    }

    private NodeChunk(int nodes)
    {
        Ids = new long[nodes];
        Levels = new byte[nodes];
        Deleted = new ulong[(nodes + 63) >> 6];
        UpperLinks = new int[]?[nodes];
    }

    private NodeChunk(NodeChunk mapped, int recordSize)
    {
        int nodes = mapped.Ids.Length;
        _length = checked(nodes * recordSize);
        _records = GC.AllocateUninitializedArray<byte>(_length + NodeStore.Alignment - 1, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_records));
        Base = address + ((NodeStore.Alignment - (address % NodeStore.Alignment)) % NodeStore.Alignment);
        mapped.Records.CopyTo(Records);
        Ids = mapped.Ids;
        Levels = mapped.Levels;
        Deleted = mapped.Deleted;
        UpperLinks = mapped.UpperLinks;
    }

    /// <summary>Nodes whose records are mapped file memory, when fewer than the slots: the chunk must be copied before more nodes go in.</summary>
    public int MappedNodes { get; } = -1;

    /// <summary>A copy whose records live in a pinned array with room for every slot, sharing the other arrays.</summary>
    public NodeChunk WithOwnRecords(int recordSize) => new(this, recordSize);

    /// <summary>Address of the first record; valid while the chunk is reachable.</summary>
    public nint Base { get; }

    /// <summary>The level-0 records of the nodes, back to back (layout in <see cref="NodeStore"/>).</summary>
    public Span<byte> Records => new((void*)Base, _length);

    /// <summary>Bytes the chunk holds, upper-level lists included.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = _length + (Ids.Length * (sizeof(long) + 1L + IntPtr.Size)) + (Deleted.Length * sizeof(ulong));
            foreach (int[]? links in UpperLinks)
            {
                bytes += links is null ? 0 : 24 + ((long)links.Length * sizeof(int));
            }

            return bytes;
        }
    }

    /// <summary>The vector id of each node.</summary>
    public long[] Ids { get; }

    /// <summary>The top level of each node; 0 for most.</summary>
    public byte[] Levels { get; }

    /// <summary>Tombstones: bit <c>i % 64</c> of word <c>i / 64</c> is set when node <c>i</c> was removed.</summary>
    public ulong[] Deleted { get; }

    /// <summary>For nodes above level 0, their lists on levels 1..top: per level a count and M ids.</summary>
    public int[]?[] UpperLinks { get; }
}
