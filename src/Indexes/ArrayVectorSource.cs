using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VecStore.Indexes;

/// <summary>An <see cref="IVectorSource"/> over vectors held in one managed array, for tests, benchmarks and centroids.</summary>
/// <remarks>
/// Vector <c>i</c> occupies <c>data[i*d .. (i+1)*d)</c>; the positions are cut into blocks of
/// <see cref="BlockSize"/> vectors. The constructor uses the array in place: it must not change
/// while a search runs. <see cref="CopyAligned"/> copies the vectors instead, to memory that
/// starts on a 64-byte boundary, which a scan reads markedly faster. Ids and the presence
/// bitmap are copied at construction. Safe for concurrent readers.
/// </remarks>
public sealed class ArrayVectorSource : IVectorSource
{
    /// <summary>The block size used when none is given.</summary>
    public const int DefaultBlockSize = 1024;

    // Cache-line size: a 512-bit load from an address aligned to it never spans two lines.
    private const int Alignment = 64;

    private readonly float[] _data;
    private readonly int _offset;
    private readonly long[]? _ids;
    private readonly Dictionary<long, int>? _positionOfId;

    // The presence bitmap re-cut so that each block's words start at bit 0 of its first word,
    // as VectorBlock requires; null when every position is present.
    private readonly ulong[]? _present;
    private readonly int _wordsPerBlock;

    /// <summary>Wraps <paramref name="data"/>, <c>data.Length / dimensions</c> vectors back to back.</summary>
    /// <param name="data">The vectors; its length must be a multiple of <paramref name="dimensions"/>.</param>
    /// <param name="dimensions">Floats per vector, at least 1.</param>
    /// <param name="blockSize">Vectors per block, at least 1.</param>
    /// <param name="ids">One distinct id per vector, or null for consecutive ids from <paramref name="firstId"/>.</param>
    /// <param name="present">Bit <c>i % 64</c> of <c>present[i / 64]</c> says whether vector <c>i</c> exists; null when all do.</param>
    /// <param name="firstId">The id of vector 0 when <paramref name="ids"/> is null.</param>
    /// <exception cref="ArgumentException">A size does not fit, or an id repeats.</exception>
    public ArrayVectorSource(float[] data, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0)
        : this(data ?? throw new ArgumentNullException(nameof(data)), 0, data.Length, dimensions, blockSize, ids, present, firstId)
    {
    }

    private ArrayVectorSource(float[] data, int offset, int length, int dimensions, int blockSize, long[]? ids, ulong[]? present, long firstId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if (length % dimensions != 0)
        {
            ThrowHelper.Argument(nameof(data), $"The data holds {length} floats, not a multiple of {dimensions} dimensions.");
        }

        _data = data;
        _offset = offset;
        Dimensions = dimensions;
        Count = length / dimensions;
        BlockSize = blockSize;
        BlockCount = (int)(((long)Count + blockSize - 1) / blockSize);
        FirstId = firstId;

        if (ids is not null)
        {
            if (ids.Length != Count)
            {
                ThrowHelper.LengthMismatch(nameof(ids), Count, ids.Length);
            }

            _ids = (long[])ids.Clone();
            _positionOfId = new Dictionary<long, int>(Count);
            for (int i = 0; i < ids.Length; i++)
            {
                if (!_positionOfId.TryAdd(ids[i], i))
                {
                    ThrowHelper.Argument(nameof(ids), $"Id {ids[i]} occurs more than once.");
                }
            }
        }

        if (present is not null)
        {
            int words = (Count + 63) >> 6;
            if (present.Length < words)
            {
                ThrowHelper.LengthMismatch(nameof(present), words, present.Length);
            }

            _wordsPerBlock = (blockSize + 63) >> 6;
            _present = new ulong[(long)BlockCount * _wordsPerBlock];
            for (int i = 0; i < Count; i++)
            {
                if ((present[i >> 6] & (1UL << (i & 63))) != 0)
                {
                    int block = i / blockSize;
                    int inBlock = i - (block * blockSize);
                    _present[(block * _wordsPerBlock) + (inBlock >> 6)] |= 1UL << (inBlock & 63);
                }
            }
        }
    }

    /// <summary>Copies <paramref name="vectors"/> to new memory aligned to 64 bytes and wraps the copy.</summary>
    /// <remarks>
    /// When <paramref name="dimensions"/> is a multiple of 16 every vector then starts on a cache
    /// line, as in a page of the vector file. The other parameters are those of the constructor.
    /// </remarks>
    public static ArrayVectorSource CopyAligned(ReadOnlySpan<float> vectors, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0)
    {
        // Pinned, so that the aligned offset found now stays aligned.
        const int Slack = (Alignment / sizeof(float)) - 1;
        float[] buffer = GC.AllocateUninitializedArray<float>(vectors.Length + Slack, pinned: true);
        int offset = OffsetToAlignment(buffer);
        vectors.CopyTo(buffer.AsSpan(offset, vectors.Length));
        return new ArrayVectorSource(buffer, offset, vectors.Length, dimensions, blockSize, ids, present, firstId);
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public int BlockCount { get; }

    /// <summary>Number of vector positions, present or not.</summary>
    public int Count { get; }

    /// <summary>Vectors per block; the last block may hold fewer.</summary>
    public int BlockSize { get; }

    /// <summary>The id of vector 0 when no explicit ids were given.</summary>
    public long FirstId { get; }

    /// <inheritdoc />
    public VectorBlock GetBlock(int index)
    {
        if ((uint)index >= (uint)BlockCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), $"Block {index} is not in [0, {BlockCount}).");
        }

        int start = index * BlockSize;
        int count = Math.Min(BlockSize, Count - start);
        return new VectorBlock(
            count,
            _data.AsSpan(_offset + (start * Dimensions), count * Dimensions),
            FirstId + start,
            _ids is null ? default : _ids.AsSpan(start, count),
            _present is null ? default : _present.AsSpan(index * _wordsPerBlock, _wordsPerBlock));
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetVectorData(long id) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(GetVector(id));

    /// <inheritdoc />
    public ReadOnlySpan<float> GetVector(long id)
    {
        int position;
        if (_positionOfId is not null)
        {
            if (!_positionOfId.TryGetValue(id, out position))
            {
                return default;
            }
        }
        else
        {
            long offset = id - FirstId;
            if (offset < 0 || offset >= Count)
            {
                return default;
            }

            position = (int)offset;
        }

        if (_present is not null)
        {
            int block = position / BlockSize;
            int offset = position - (block * BlockSize);
            if ((_present[(block * _wordsPerBlock) + (offset >> 6)] & (1UL << (offset & 63))) == 0)
            {
                return default;
            }
        }

        return _data.AsSpan(_offset + (position * Dimensions), Dimensions);
    }

    private static unsafe int OffsetToAlignment(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
    }
}
