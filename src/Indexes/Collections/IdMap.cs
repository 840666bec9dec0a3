using System.Collections.Concurrent;

namespace VecStore.Indexes.Collections;

/// <summary>Maps vector ids to small non-negative numbers (an HNSW node, an IVFPQ list): a chunked dense array for small ids, a dictionary for the rest.</summary>
/// <remarks>
/// Storage hands out slot numbers, dense from 0, so nearly every id lands in the array, which
/// costs four bytes an id and no allocation per entry. An id is put in the array only while it is
/// below a bound that grows with the number of ids held, so that a few huge or scattered ids cannot make
/// it allocate chunks for ranges that hold almost nothing; those go to the dictionary.
/// One writer at a time; readers on other threads see either the old or the new entry.
/// </remarks>
internal sealed class IdMap
{
    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;

    // Entry i of a chunk holds value + 1; 0 means none. The table is replaced, never resized in place.
    private int[]?[] _chunks = [];
    private readonly ConcurrentDictionary<long, int> _sparse = new();
    private long _denseEntries;

    // Kept beside the dictionary: ConcurrentDictionary.Count takes every lock, and Add asked for it
    // on each call (loading a million-entry IVF index took 21 s instead of under one).
    private long _sparseEntries;
    private long _expected;

    /// <summary>Bytes held by the map.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = (long)_chunks.Length * IntPtr.Size;
            foreach (int[]? chunk in _chunks)
            {
                bytes += chunk is null ? 0 : (long)chunk.Length * sizeof(int);
            }

            // A dictionary entry is about 24 bytes plus its share of the buckets.
            return bytes + (_sparseEntries * 32L);
        }
    }

    public bool TryGet(long id, out int value)
    {
        int[]?[] chunks = Volatile.Read(ref _chunks);
        if ((ulong)id < ((ulong)chunks.Length << ChunkShift))
        {
            int[]? chunk = chunks[id >> ChunkShift];
            if (chunk is not null)
            {
                int entry = Volatile.Read(ref chunk[id & (ChunkSize - 1)]);
                if (entry != 0)
                {
                    value = entry - 1;
                    return true;
                }
            }
        }

        return _sparse.TryGetValue(id, out value);
    }

    /// <summary>Maps <paramref name="id"/> to <paramref name="value"/> (0 to <see cref="int.MaxValue"/> − 1); the id must not be mapped yet.</summary>
    public void Add(long id, int value)
    {
        // Dense while the id is at most a few times the number of ids held.
        long bound = Math.Min(int.MaxValue, (4 * Math.Max(_expected, _denseEntries + _sparseEntries)) + ChunkSize);
        if (id >= 0 && id < bound)
        {
            int[] chunk = DenseChunk((int)(id >> ChunkShift));
            Volatile.Write(ref chunk[id & (ChunkSize - 1)], value + 1);
            _denseEntries++;
        }
        else
        {
            _sparse[id] = value;
            _sparseEntries++;
        }
    }

    /// <summary>Says that about <paramref name="count"/> ids are coming (a file being loaded), so ids up to a few times that stay dense even when they arrive out of order.</summary>
    public void ExpectAtLeast(long count) => _expected = Math.Max(_expected, count);

    public bool Remove(long id)
    {
        int[]?[] chunks = _chunks;
        if ((ulong)id < ((ulong)chunks.Length << ChunkShift))
        {
            int[]? chunk = chunks[id >> ChunkShift];
            if (chunk is not null && chunk[id & (ChunkSize - 1)] != 0)
            {
                Volatile.Write(ref chunk[id & (ChunkSize - 1)], 0);
                _denseEntries--;
                return true;
            }
        }

        if (_sparse.TryRemove(id, out _))
        {
            _sparseEntries--;
            return true;
        }

        return false;
    }

    private int[] DenseChunk(int index)
    {
        int[]?[] chunks = _chunks;
        if (index >= chunks.Length)
        {
            var grown = new int[]?[Math.Max(index + 1, chunks.Length * 2)];
            chunks.CopyTo(grown, 0);
            chunks = grown;
            Volatile.Write(ref _chunks, chunks);
        }

        return chunks[index] ??= new int[ChunkSize];
    }
}
