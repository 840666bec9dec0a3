using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VecStore.Indexes;

/// <summary>An <see cref="IVectorSource"/> over vectors held in one managed array, for tests, benchmarks and centroids.</summary>
/// <remarks>
/// Vector <c>i</c> occupies bytes <c>[i*b, (i+1)*b)</c> of the data, where <c>b</c> is
/// <see cref="VectorElements.BytesPerVector"/> (for float32 data, <c>data[i*d .. (i+1)*d)</c>);
/// the positions are cut into blocks of <see cref="BlockSize"/> vectors. The constructors use the
/// array in place: it must not change while a search runs. <see cref="CopyAligned(ReadOnlySpan{float}, int, int, long[], ulong[], long)"/>
/// copies the vectors instead, to memory that starts on a 64-byte boundary, which a scan reads
/// markedly faster. Ids and the presence bitmap are copied at construction. Safe for concurrent readers.
/// </remarks>
public sealed class ArrayVectorSource : IVectorSource
{
    /// <summary>The block size used when none is given.</summary>
    public const int DefaultBlockSize = 1024;

    // Cache-line size: a 512-bit load from an address aligned to it never spans two lines.
    private const int Alignment = 64;

    // A float[] or byte[]; the vectors start _byteOffset bytes into it.
    private readonly Array _data;
    private readonly int _byteOffset;
    private readonly int _vectorBytes;
    private readonly long[]? _ids;
    private readonly Dictionary<long, int>? _positionOfId;

    // The presence bitmap re-cut so that each block's words start at bit 0 of its first word,
    // as VectorBlock requires; null when every position is present.
    private readonly ulong[]? _present;
    private readonly int _wordsPerBlock;

    /// <summary>Wraps float32 <paramref name="data"/>, <c>data.Length / dimensions</c> vectors back to back.</summary>
    /// <param name="data">The vectors; its length must be a multiple of <paramref name="dimensions"/>.</param>
    /// <param name="dimensions">Floats per vector, at least 1.</param>
    /// <param name="blockSize">Vectors per block, at least 1.</param>
    /// <param name="ids">One distinct id per vector, or null for consecutive ids from <paramref name="firstId"/>.</param>
    /// <param name="present">Bit <c>i % 64</c> of <c>present[i / 64]</c> says whether vector <c>i</c> exists; null when all do.</param>
    /// <param name="firstId">The id of vector 0 when <paramref name="ids"/> is null.</param>
    /// <exception cref="ArgumentException">A size does not fit, or an id repeats.</exception>
    public ArrayVectorSource(float[] data, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0)
        : this(data ?? throw new ArgumentNullException(nameof(data)), 0, (long)data.Length * sizeof(float), VectorElement.Float32, dimensions, blockSize, ids, present, firstId)
    {
    }

    /// <summary>Wraps vectors of any element type given as raw bytes, <c>data.Length / BytesPerVector</c> vectors back to back.</summary>
    /// <param name="data">The vectors in the <paramref name="element"/> format; its length must be a multiple of <see cref="VectorElements.BytesPerVector"/>.</param>
    /// <param name="element">How each element is stored.</param>
    /// <param name="dimensions">Elements per vector (floats, halves or bits), at least 1.</param>
    /// <param name="blockSize">Vectors per block, at least 1.</param>
    /// <param name="ids">One distinct id per vector, or null for consecutive ids from <paramref name="firstId"/>.</param>
    /// <param name="present">Bit <c>i % 64</c> of <c>present[i / 64]</c> says whether vector <c>i</c> exists; null when all do.</param>
    /// <param name="firstId">The id of vector 0 when <paramref name="ids"/> is null.</param>
    /// <exception cref="ArgumentException">A size does not fit, or an id repeats.</exception>
    public ArrayVectorSource(byte[] data, VectorElement element, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0)
        : this(data ?? throw new ArgumentNullException(nameof(data)), 0, data.Length, element, dimensions, blockSize, ids, present, firstId)
    {
    }

    private ArrayVectorSource(Array data, int byteOffset, long byteLength, VectorElement element, int dimensions, int blockSize, long[]? ids, ulong[]? present, long firstId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        int vectorBytes = VectorElements.BytesPerVector(element, dimensions);
        if (byteLength % vectorBytes != 0)
        {
            ThrowHelper.Argument(nameof(data), $"The data holds {byteLength} bytes, not a multiple of the {vectorBytes} bytes of a {dimensions}-dimensional {element} vector.");
        }

        _data = data;
        _byteOffset = byteOffset;
        _vectorBytes = vectorBytes;
        ElementType = element;
        Dimensions = dimensions;
        Count = checked((int)(byteLength / vectorBytes));
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

    /// <summary>Copies float32 <paramref name="vectors"/> to new memory aligned to 64 bytes and wraps the copy.</summary>
    /// <remarks>
    /// When <paramref name="dimensions"/> is a multiple of 16 every vector then starts on a cache
    /// line, as in a page of the vector file. The other parameters are those of the constructor.
    /// </remarks>
    public static ArrayVectorSource CopyAligned(ReadOnlySpan<float> vectors, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0) =>
        CopyAligned(MemoryMarshal.AsBytes(vectors), VectorElement.Float32, dimensions, blockSize, ids, present, firstId);

    /// <summary>Copies vectors of any element type, given as raw bytes, to new memory aligned to 64 bytes and wraps the copy.</summary>
    /// <remarks>The parameters are those of the byte constructor.</remarks>
    public static ArrayVectorSource CopyAligned(ReadOnlySpan<byte> data, VectorElement element, int dimensions, int blockSize = DefaultBlockSize, long[]? ids = null, ulong[]? present = null, long firstId = 0)
    {
        // Pinned, so that the aligned offset found now stays aligned.
        byte[] buffer = GC.AllocateUninitializedArray<byte>(data.Length + Alignment - 1, pinned: true);
        int offset = OffsetToAlignment(buffer);
        data.CopyTo(buffer.AsSpan(offset, data.Length));
        return new ArrayVectorSource(buffer, offset, data.Length, element, dimensions, blockSize, ids, present, firstId);
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public VectorElement ElementType { get; }

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
            Bytes(start, count),
            FirstId + start,
            _ids is null ? default : _ids.AsSpan(start, count),
            _present is null ? default : _present.AsSpan(index * _wordsPerBlock, _wordsPerBlock));
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetVectorData(long id) => TryFindPosition(id, out int position) ? Bytes(position, 1) : default;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The source does not hold float32 vectors.</exception>
    public ReadOnlySpan<float> GetVector(long id)
    {
        if (ElementType != VectorElement.Float32)
        {
            ThrowNotFloat32();
        }

        return MemoryMarshal.Cast<byte, float>(GetVectorData(id));
    }

    private bool TryFindPosition(long id, out int position)
    {
        if (_positionOfId is not null)
        {
            if (!_positionOfId.TryGetValue(id, out position))
            {
                return false;
            }
        }
        else
        {
            long offset = id - FirstId;
            if (offset < 0 || offset >= Count)
            {
                position = 0;
                return false;
            }

            position = (int)offset;
        }

        if (_present is not null)
        {
            int block = position / BlockSize;
            int offset = position - (block * BlockSize);
            if ((_present[(block * _wordsPerBlock) + (offset >> 6)] & (1UL << (offset & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bytes of <paramref name="count"/> vectors from position <paramref name="start"/>, which the caller has checked lie inside the data.</summary>
    private ReadOnlySpan<byte> Bytes(int start, int count)
    {
        ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), _byteOffset + ((nint)start * _vectorBytes));
        return MemoryMarshal.CreateReadOnlySpan(ref first, count * _vectorBytes);
    }

    private static unsafe int OffsetToAlignment(byte[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((Alignment - (address % Alignment)) % Alignment);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNotFloat32() =>
        throw new InvalidOperationException($"This source holds {ElementType} vectors; read them with GetVectorData.");
}
