using System.Numerics;

namespace VecStore.Indexes.Flat;

/// <summary>The positions of a block that hold a vector, in order, for <c>foreach</c>.</summary>
/// <remarks>
/// Reads the presence bitmap a word at a time, so a run of 64 absent positions (free slots) costs
/// one test; bits past the end of the block are ignored. A block without a bitmap yields every position.
/// </remarks>
internal ref struct PresentPositions
{
    private readonly ReadOnlySpan<ulong> _present;
    private readonly int _count;
    private int _start;
    private int _word;
    private ulong _bits;

    public PresentPositions(VectorBlock block)
    {
        _present = block.Present;
        _count = block.Count;
        _start = -64;
        _word = -1;
    }

    /// <summary>The current position.</summary>
    public int Current { get; private set; }

    public readonly PresentPositions GetEnumerator() => this;

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

        Current = _start + BitOperations.TrailingZeroCount(_bits);
        _bits &= _bits - 1;
        return true;
    }
}
