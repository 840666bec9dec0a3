using VecStore;
using VecStore.CrashWorker;

// The crash worker: commits CrashWorkload's transactions FROM.. into DATABASE, printing
// "ack i" once transaction i's COMMIT has returned, until it is killed (or COUNT are done).
// OPTIONS is added to the connection string; CHECKPOINTS "auto" leaves checkpoints to the
// engine instead of asking for one every 25 transactions.
// Usage: VecStore.CrashWorker DATABASE FROM [COUNT [OPTIONS [explicit|auto]]]
// With VECSTORE_CRASH_VACUUM=N it also runs VACUUM after every N-th transaction, printing
// "vacuum" before it and "vacuumed" after, so a kill can be placed inside it.
//        VecStore.CrashWorker --hold DATABASE   (HoldWorker: one write transaction held open)
//        VecStore.CrashWorker --sql DATABASE [OPTIONS [UID]]   (StatementWorker: statements from stdin)
if (args.Length >= 2 && args[0] == "--hold")
    return HoldWorker.Run(args[1]);
if (args.Length >= 2 && args[0] == "--sql")
{
    return StatementWorker.Run(args[1], args.Length > 2 && args[2].Length > 0 ? ";" + args[2] : "",
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null);
}
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: VecStore.CrashWorker DATABASE FROM [COUNT [OPTIONS [explicit|auto]]] | --hold DATABASE | --sql DATABASE [OPTIONS [UID]]");
    return 2;
}
string path = args[0];
long from = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
long count = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
string options = args.Length > 3 && args[3].Length > 0 ? ";" + args[3] : "";
bool explicitCheckpoints = args.Length <= 4 || args[4] != "auto";

using var connection = new VecStoreConnection($"Data Source={path}{options}");
connection.Open();
Execute(connection, null, CrashWorkload.CreateTable);
Console.Out.WriteLine("ready");
Console.Out.Flush();

int vacuumEvery = int.TryParse(Environment.GetEnvironmentVariable("VECSTORE_CRASH_VACUUM"), out int every) ? every : 0;
long end = count > long.MaxValue - from ? long.MaxValue : from + count;
for (long i = from; i < end; i++)
{
    switch (CrashWorkload.KindOf(i))
    {
        case TransactionKind.CreateIndex:
            Execute(connection, null, "CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 64)");
            break;
        case TransactionKind.DropIndex:
            Execute(connection, null, "DROP INDEX t_v");
            break;
        case TransactionKind.AddColumn:
        {
            using var transaction = connection.BeginTransaction();
            foreach (string statement in CrashWorkload.AddColumnStatements)
                Execute(connection, transaction, statement);
            transaction.Commit();
            break;
        }
        case TransactionKind.DropColumn:
            Execute(connection, null, CrashWorkload.DropColumnStatement);
            break;
        default:
        {
            using var transaction = connection.BeginTransaction();
            foreach (long id in CrashWorkload.Inserted(i))
                Execute(connection, transaction, "INSERT INTO t VALUES (@id, @val, @v)", ("id", id), ("val", i), ("v", CrashWorkload.Vector(id, i)));
            long update = CrashWorkload.UpdateTarget(i);
            Execute(connection, transaction, "UPDATE t SET val = @val, v = @v WHERE id = @id", ("id", update), ("val", -i), ("v", CrashWorkload.Vector(update, -i)));
            if (i % 5 == 0)
                Execute(connection, transaction, "UPDATE t SET v = NULL WHERE id = @id", ("id", 4 * i - 3));
            Execute(connection, transaction, "DELETE FROM t WHERE id = @id", ("id", CrashWorkload.DeleteTarget(i)));
            transaction.Commit();
            break;
        }
    }
    Console.Out.WriteLine("ack " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
    Console.Out.Flush();
    if (explicitCheckpoints && i % 25 == 0)
        connection.Checkpoint();
    if (vacuumEvery > 0 && i % vacuumEvery == 0)
    {
        Console.Out.WriteLine("vacuum");
        Console.Out.Flush();
        Execute(connection, null, "VACUUM");
        Console.Out.WriteLine("vacuumed");
        Console.Out.Flush();
    }
}
return 0;

static void Execute(VecStoreConnection connection, VecStoreTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
{
    using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
    foreach (var (name, value) in parameters)
        command.Parameters.AddWithValue(name, value);
    command.ExecuteNonQuery();
}
