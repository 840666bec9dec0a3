namespace VecStore.CrashWorker;

/// <summary>Holds one write transaction open in its own process until told to commit, so a test can see what another process's writer and readers do meanwhile.</summary>
/// <remarks>
/// Protocol on stdout/stdin: prints "holding" once its INSERT into table <c>h</c> has run inside
/// an open transaction, waits for a line on stdin, commits, prints "committed" and exits.
/// </remarks>
public static class HoldWorker
{
    public const string CreateTable = "CREATE TABLE IF NOT EXISTS h (id INTEGER PRIMARY KEY, v VECTOR(8))";

    public static int Run(string path)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using (var create = new VecStoreCommand(CreateTable, connection))
            create.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        using (var insert = new VecStoreCommand("INSERT INTO h VALUES (1, @v)", connection) { Transaction = transaction })
        {
            insert.Parameters.AddWithValue("v", CrashWorkload.Vector(1, 1));
            insert.ExecuteNonQuery();
        }
        Console.Out.WriteLine("holding");
        Console.Out.Flush();
        Console.In.ReadLine();
        transaction.Commit();
        Console.Out.WriteLine("committed");
        Console.Out.Flush();
        return 0;
    }
}
