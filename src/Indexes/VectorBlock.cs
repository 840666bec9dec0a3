using System.Runtime.InteropServices;

namespace VecStore.Indexes;

/// <summary>A run of stored vectors laid out back to back, as a page of the vector file holds them.</summary>
/// <remarks>
/// Vector <c>i</c> occupies bytes <c>[i*b, (i+1)*b)</c> of <see cref="Data"/>, where <c>b</c> is
/// <see cref="VectorElements.BytesPerVector"/> of the source's element type and dimensions (for
/// float32 sources, <c>Vectors[i*d .. (i+1)*d)</c>). Its id is <c>Ids[i]</c> when
/// <see cref="Ids"/> is not empty, else <c>FirstId + i</c>. When <see cref="Present"/> is not empty,
/// vector <c>i</c> exists only if bit <c>i % 64</c> of <c>Present[i / 64]</c> is set; absent
/// vectors (free slots, superseded versions) must be skipped. The spans point into memory the
/// source owns (often a memory-mapped page) and are valid only while the source is.
/// </remarks>
public readonly ref struct VectorBlock
{
    /// <summary>Creates a block of <paramref name="count"/> vectors of any element type, given as raw bytes.</summary>
    public VectorBlock(int count, ReadOnlySpan<byte> data, long firstId, ReadOnlySpan<long> ids, ReadOnlySpan<ulong> present)
    {
        Count = count;
        Data = data;
        FirstId = firstId;
        Ids = ids;
        Present = present;
    }

    /// <summary>Creates a block of <paramref name="count"/> float32 vectors.</summary>
    public VectorBlock(int count, ReadOnlySpan<float> vectors, long firstId, ReadOnlySpan<long> ids, ReadOnlySpan<ulong> present)
        : this(count, MemoryMarshal.AsBytes(vectors), firstId, ids, present)
    {
    }

    /// <summary>Number of vector positions in the block (present or not).</summary>
    public int Count { get; }

    /// <summary>The vectors as raw bytes in the source's element format (<see cref="VectorElement"/>).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The vectors of a float32 source, <see cref="Count"/> times the dimensions floats.</summary>
    public ReadOnlySpan<float> Vectors => MemoryMarshal.Cast<byte, float>(Data);

    /// <summary>Id of the first position when <see cref="Ids"/> is empty.</summary>
    public long FirstId { get; }

    /// <summary>Explicit id per position, or empty for consecutive ids from <see cref="FirstId"/>.</summary>
    public ReadOnlySpan<long> Ids { get; }

    /// <summary>Presence bitmap, or empty when every position holds a vector.</summary>
    public ReadOnlySpan<ulong> Present { get; }

    /// <summary>Whether position <paramref name="i"/> holds a vector.</summary>
    public bool IsPresent(int i) => Present.IsEmpty || (Present[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>The id of position <paramref name="i"/>.</summary>
    public long IdAt(int i) => Ids.IsEmpty ? FirstId + i : Ids[i];
}
