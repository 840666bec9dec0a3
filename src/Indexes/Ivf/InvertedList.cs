using System.Runtime.InteropServices;

namespace VecStore.Indexes.Ivf;

/// <summary>One list of an inverted file: fixed-size entries (vectors or codes) stored back to back, their ids beside them, and tombstones.</summary>
/// <remarks>
/// One writer, any number of readers. The writer fills an entry and only then publishes the new
/// count with <see cref="Volatile.Write(ref int, int)"/>; a reader reads the count first and the
/// storage second, so it never sees a half-written entry. Growing copies everything into new
/// arrays and publishes them before the count can pass the old capacity, so whatever storage a
/// reader picks up holds at least the count it read. Removal sets a tombstone bit; the entry stays.
/// </remarks>
internal sealed class InvertedList
{
    private const int InitialCapacity = 16;

    private Storage _storage;
    private int _count;
    private int _deleted;

    public InvertedList(int entryBytes, int capacity = 0)
    {
        EntryBytes = entryBytes;
        _storage = new Storage(entryBytes, capacity);
    }

    /// <summary>Bytes per entry.</summary>
    public int EntryBytes { get; }

    /// <summary>Entries published so far, tombstones included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Tombstoned entries.</summary>
    public int DeletedCount => Volatile.Read(ref _deleted);

    public long MemoryBytes => _storage.MemoryBytes;

    /// <summary>A consistent view of the published entries, for a search.</summary>
    public ListView Read()
    {
        int count = Volatile.Read(ref _count);
        Storage storage = Volatile.Read(ref _storage);
        return new ListView(storage.Data.AsSpan(0, count * EntryBytes), storage.Ids.AsSpan(0, count), Volatile.Read(ref _deleted) > 0 ? storage.Deleted : default, count);
    }

    /// <summary>Makes room for <paramref name="capacity"/> entries in all (writer only).</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _storage.Ids.Length)
        {
            Volatile.Write(ref _storage, _storage.CopyTo(new Storage(EntryBytes, capacity), _count, EntryBytes));
        }
    }

    /// <summary>Appends an entry and returns its position (writer only).</summary>
    public int Append(long id, ReadOnlySpan<byte> entry)
    {
        int position = _count;
        if (position == _storage.Ids.Length)
        {
            Reserve(Math.Max(InitialCapacity, position * 2));
        }

        Storage storage = _storage;
        entry.CopyTo(storage.Data.AsSpan(position * EntryBytes, EntryBytes));
        storage.Ids[position] = id;
        Volatile.Write(ref _count, position + 1);
        return position;
    }

    /// <summary>Tombstones the entry at <paramref name="position"/> (writer only).</summary>
    public void MarkDeleted(int position)
    {
        Interlocked.Or(ref _storage.Deleted[position >> 6], 1UL << (position & 63));
        Interlocked.Increment(ref _deleted);
    }

    /// <summary>Whether the entry at <paramref name="position"/> is tombstoned.</summary>
    public bool IsDeleted(int position) => (Volatile.Read(ref _storage.Deleted[position >> 6]) & (1UL << (position & 63))) != 0;

    /// <summary>The bytes of the entry at a published <paramref name="position"/>.</summary>
    public ReadOnlySpan<byte> Entry(int position) => Volatile.Read(ref _storage).Data.AsSpan(position * EntryBytes, EntryBytes);

    /// <summary>The id of the entry at a published <paramref name="position"/>.</summary>
    public long IdAt(int position) => Volatile.Read(ref _storage).Ids[position];

    /// <summary>The position of the last entry with <paramref name="id"/>, or -1; the live entry of an id is always its last (writer only).</summary>
    /// <remarks>Replacing an id tombstones its entry before appending the new one, so older entries of the same id come first.</remarks>
    public int LastPositionOf(long id) => _storage.Ids.AsSpan(0, _count).LastIndexOf(id);

    /// <summary>A new list holding the live entries of this one in their order, sized to fit: what compaction keeps (writer only).</summary>
    public InvertedList WithoutTombstones()
    {
        ListView view = Read();
        var copy = new InvertedList(EntryBytes, view.Count - DeletedCount);
        Storage target = copy._storage;
        int kept = 0;
        for (int i = 0; i < view.Count; i++)
        {
            if (!view.IsDeleted(i))
            {
                view.Data.Slice(i * EntryBytes, EntryBytes).CopyTo(target.Data.AsSpan(kept * EntryBytes));
                target.Ids[kept++] = view.Ids[i];
            }
        }

        copy._count = kept;
        return copy;
    }

    /// <summary>Writes ids, tombstone words and entries of the published entries, each section padded to 8 bytes (writers excluded).</summary>
    public void WriteTo(HashedFileWriter writer)
    {
        int count = _count;
        writer.Write(MemoryMarshal.AsBytes(_storage.Ids.AsSpan(0, count)));
        writer.Write(MemoryMarshal.AsBytes(_storage.Deleted.AsSpan(0, (count + 63) >> 6)));
        writer.Write(_storage.Data.AsSpan(0, count * EntryBytes));
        writer.Write(new byte[PaddingTo8((long)count * EntryBytes)]);
    }

    /// <summary>Reads a list of <paramref name="count"/> entries written by <see cref="WriteTo"/>.</summary>
    public static InvertedList ReadFrom(HashedFileReader reader, int entryBytes, int count)
    {
        var list = new InvertedList(entryBytes, count);
        Storage storage = list._storage;
        reader.Read(MemoryMarshal.AsBytes(storage.Ids.AsSpan()));
        reader.Read(MemoryMarshal.AsBytes(storage.Deleted.AsSpan()));
        reader.Read(storage.Data);
        reader.Read(new byte[PaddingTo8((long)count * entryBytes)]);
        int deleted = 0;
        foreach (ulong word in storage.Deleted)
        {
            deleted += System.Numerics.BitOperations.PopCount(word);
        }

        list._count = count;
        list._deleted = deleted;
        return list;
    }

    /// <summary>Bytes that bring a section of <paramref name="length"/> bytes to a multiple of 8.</summary>
    public static int PaddingTo8(long length) => (int)((8 - (length & 7)) & 7);

    private sealed class Storage
    {
        public Storage(int entryBytes, int capacity)
            // Entries and ids are not zeroed: only the first count are ever read, and each is written
            // before the count covers it. The tombstone words must start clear.
            : this(GC.AllocateUninitializedArray<byte>(checked(capacity * entryBytes)), GC.AllocateUninitializedArray<long>(capacity), new ulong[(capacity + 63) >> 6])
        {
        }

        public Storage(byte[] data, long[] ids, ulong[] deleted)
        {
            Data = data;
            Ids = ids;
            Deleted = deleted;
        }

        public byte[] Data { get; }

        public long[] Ids { get; }

        public ulong[] Deleted { get; }

        public long MemoryBytes => Data.LongLength + (Ids.LongLength * sizeof(long)) + (Deleted.LongLength * sizeof(ulong));

        public Storage CopyTo(Storage target, int count, int entryBytes)
        {
            Data.AsSpan(0, count * entryBytes).CopyTo(target.Data);
            Ids.AsSpan(0, count).CopyTo(target.Ids);
            Deleted.AsSpan(0, (count + 63) >> 6).CopyTo(target.Deleted);
            return target;
        }
    }
}
