using System.Numerics;

namespace VecStore.Indexes.Flat;

/// <summary>The runs of consecutive positions of a block that hold a vector, in order, for <c>foreach</c>: each is <c>[Start, End)</c>.</summary>
/// <remarks>
/// Reads the presence bitmap a word at a time, so 64 absent positions (free slots) cost one test
/// and 64 present ones make one run; runs do not cross a word. Bits past the end of the block are
/// ignored. A block without a bitmap yields runs of 64 over every position.
/// </remarks>
internal ref struct PresentRuns
{
    private readonly ReadOnlySpan<ulong> _present;
    private readonly int _count;
    private int _start;
    private int _word;
    private ulong _bits;

    public PresentRuns(VectorBlock block)
    {
        _present = block.Present;
        _count = block.Count;
        _start = -64;
        _word = -1;
    }

    /// <summary>The current run.</summary>
    public (int Start, int End) Current { get; private set; }

    public readonly PresentRuns GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_bits == 0)
        {
            _start += 64;
            _word++;
            if (_start >= _count)
            {
                return false;
            }

            int remaining = _count - _start;
            _bits = _present.IsEmpty ? ulong.MaxValue : _present[_word];
            if (remaining < 64)
            {
                _bits &= (1UL << remaining) - 1;
            }
        }

        // The run starts at the lowest set bit and ends at the next clear bit above it.
        int first = BitOperations.TrailingZeroCount(_bits);
        ulong above = ~(_bits >> first);
        int length = above == 0 ? 64 - first : BitOperations.TrailingZeroCount(above);
        int end = first + length;
        _bits = end >= 64 ? 0 : _bits & ~((1UL << end) - 1);
        Current = (_start + first, _start + end);
        return true;
    }
}
