using VecStore.Storage.Metadata;

namespace VecStore.Storage;

/// <summary>The open databases of this process, so that every session on one file shares one <see cref="Database"/>.</summary>
internal static class DatabaseRegistry
{
    private static readonly Dictionary<string, Database> Open = new(StringComparer.Ordinal);

    /// <summary>The shared state for the session's database, opened with the session's connection when it is the first.</summary>
    public static Database Acquire(DatabaseOptions options, MetadataConnection db, string displayName)
    {
        if (options.DataSource == ":memory:")
        {
            var own = Database.Open(options, db, displayName);
            own.References = 1;
            return own;
        }
        string key = Key(options);
        lock (Open)
        {
            if (Open.TryGetValue(key, out var shared))
            {
                if (shared.IsReadOnly != options.IsReadOnly && !options.IsReadOnly)
                {
                    // A writer joining read-only sessions: the shared state was opened read-only.
                    throw VecStoreException.CannotOpen(displayName, "it is already open read-only in this process; close those connections first");
                }
                shared.References++;
                return shared;
            }
            var database = Database.Open(options, db, displayName);
            database.References = 1;
            Open[key] = database;
            return database;
        }
    }

    /// <summary>Drops a session's reference; the last one runs <paramref name="close"/> before another session can reopen the file.</summary>
    public static void Release(Database database, Action close)
    {
        if (database.Options.DataSource == ":memory:")
        {
            if (--database.References == 0)
                close();
            return;
        }
        lock (Open)
        {
            if (--database.References > 0)
                return;
            Open.Remove(Key(database.Options));
            close();
        }
    }

    private static string Key(DatabaseOptions options)
        => options.IsMemory ? "memory:" + options.DataSource : "file:" + Path.GetFullPath(options.DataSource);
}
