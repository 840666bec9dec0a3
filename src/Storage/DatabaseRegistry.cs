using VecStore.Storage.Metadata;

namespace VecStore.Storage;

/// <summary>The open databases of this process, so that every session on one file shares one <see cref="Database"/>.</summary>
/// <remarks>
/// Opening and closing a database's files happens under the registry's lock: a process must never
/// hold two handles of a database's lock file at once, since closing either would drop the record
/// locks taken through the other.
/// </remarks>
internal static class DatabaseRegistry
{
    private static readonly Dictionary<string, Database> Open = new(StringComparer.Ordinal);

    /// <summary>The shared state for a session's database and the session's own SQLite connection, made by <paramref name="connect"/> (its argument: read the file as immutable).</summary>
    public static (Database Database, MetadataConnection Connection) Acquire(DatabaseOptions options, string displayName, Func<bool, MetadataConnection> connect)
    {
        if (options.DataSource == ":memory:")
        {
            var own = Database.Open(options, displayName, connect);
            own.Database.References = 1;
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
                var connection = connect(shared.Immutable);
                shared.References++;
                return (shared, connection);
            }
            var opened = Database.Open(options, displayName, connect);
            opened.Database.References = 1;
            Open[key] = opened.Database;
            return opened;
        }
    }

    /// <summary>
    /// Drops a session's reference and closes its SQLite connection; the last one first runs
    /// <paramref name="beforeClose"/> (a final checkpoint, saving indexes), then closes the
    /// database's files, before another session can open them again.
    /// </summary>
    public static void Release(Database database, MetadataConnection connection, Action beforeClose)
    {
        if (database.Options.DataSource == ":memory:")
        {
            if (--database.References == 0)
                CloseLast(database, connection, beforeClose);
            else
                connection.Dispose();
            return;
        }
        lock (Open)
        {
            if (--database.References > 0)
            {
                connection.Dispose();
                return;
            }
            Open.Remove(Key(database.Options));
            CloseLast(database, connection, beforeClose);
        }
    }

    private static void CloseLast(Database database, MetadataConnection connection, Action beforeClose)
    {
        try
        {
            beforeClose();
        }
        finally
        {
            database.Close(connection);
        }
    }

    private static string Key(DatabaseOptions options)
        => options.IsMemory ? "memory:" + options.DataSource : "file:" + Path.GetFullPath(options.DataSource);
}
