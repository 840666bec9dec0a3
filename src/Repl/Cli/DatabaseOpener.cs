namespace VecStore.Repl.Cli;

/// <summary>Opens the database a command line names.</summary>
internal static class DatabaseOpener
{
    /// <summary>Opens <paramref name="path"/> (created when missing unless read-only), or a private in-memory database when it is null.</summary>
    /// <exception cref="VecStoreException">The database cannot be opened.</exception>
    public static VecStoreConnection Open(string? path, bool readOnly)
    {
        var settings = new VecStoreConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Mode = path is null ? OpenMode.Memory : readOnly ? OpenMode.ReadOnly : OpenMode.ReadWriteCreate,
        };
        var connection = new VecStoreConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
