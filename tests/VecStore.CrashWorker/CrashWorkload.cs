namespace VecStore.CrashWorker;

/// <summary>
/// The deterministic sequence of transactions the crash worker commits, and the state the first
/// n of them leave, so that a checker can tell exactly what a database must hold.
/// </summary>
/// <remarks>
/// Transaction i (from 1) depends only on i: it inserts three rows, updates one earlier row,
/// deletes another, and every fifth one sets a vector to NULL. Every 40th transaction, at
/// offset 20, is instead CREATE INDEX (HNSW) and at offset 35 DROP INDEX, so index builds and
/// drops are killed too; at offset 10 one adds a vector column <c>extra</c> and fills it for
/// every row, at offset 30 one drops it (its pages are freed at the next checkpoint), so ALTER
/// TABLE is killed too. Checkpoints run after every 25th transaction and are not part of the
/// state (they must not change it).
/// </remarks>
public static class CrashWorkload
{
    public const int Dimensions = 8;

    public const string CreateTable = "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, val INTEGER NOT NULL, v VECTOR(8))";

    /// <summary>What transaction <paramref name="i"/> does.</summary>
    public static TransactionKind KindOf(long i) => (i % 40) switch
    {
        10 => TransactionKind.AddColumn,
        20 => TransactionKind.CreateIndex,
        30 => TransactionKind.DropColumn,
        35 => TransactionKind.DropIndex,
        _ => TransactionKind.Rows,
    };

    /// <summary>The statements of an AddColumn transaction: the column, then a vector for every row.</summary>
    public static readonly string[] AddColumnStatements =
    [
        "ALTER TABLE t ADD COLUMN extra VECTOR(4)",
        "UPDATE t SET extra = [0.5, 0.25, 0.125, 1]",
    ];

    /// <summary>The statement of a DropColumn transaction.</summary>
    public const string DropColumnStatement = "ALTER TABLE t DROP COLUMN extra";

    /// <summary>The row transaction <paramref name="i"/> updates.</summary>
    public static long UpdateTarget(long i) => 1 + (i * 7919) % (4 * i);

    /// <summary>The row transaction <paramref name="i"/> deletes.</summary>
    public static long DeleteTarget(long i) => 1 + (i * 104729 + 3) % (4 * i);

    /// <summary>The three ids transaction <paramref name="i"/> inserts.</summary>
    public static long[] Inserted(long i) => [4 * i - 3, 4 * i - 2, 4 * i - 1];

    /// <summary>The vector of row <paramref name="id"/> as version <paramref name="version"/> wrote it.</summary>
    public static float[] Vector(long id, long version)
    {
        var random = new Random((int)(id * 31 + version * 1_000_003 % int.MaxValue));
        var v = new float[Dimensions];
        for (int d = 0; d < v.Length; d++)
            v[d] = (float)random.NextDouble();
        return v;
    }

    /// <summary>The rows and index after the first <paramref name="count"/> transactions.</summary>
    public static ModelState StateAfter(long count)
    {
        var state = new ModelState();
        for (long i = 1; i <= count; i++)
            Apply(state, i);
        return state;
    }

    /// <summary>Applies transaction <paramref name="i"/> to <paramref name="state"/>.</summary>
    public static void Apply(ModelState state, long i)
    {
        switch (KindOf(i))
        {
            case TransactionKind.CreateIndex:
                state.HasIndex = true;
                return;
            case TransactionKind.DropIndex:
                state.HasIndex = false;
                return;
            case TransactionKind.AddColumn:
                state.Extra = [.. state.Rows.Keys];
                return;
            case TransactionKind.DropColumn:
                state.Extra = null;
                return;
        }
        foreach (long id in Inserted(i))
            state.Rows[id] = (i, Vector(id, i));
        long update = UpdateTarget(i);
        if (state.Rows.ContainsKey(update))
            state.Rows[update] = (-i, Vector(update, -i));
        if (i % 5 == 0 && state.Rows.ContainsKey(4 * i - 3))
            state.Rows[4 * i - 3] = (state.Rows[4 * i - 3].Val, null);
        state.Rows.Remove(DeleteTarget(i));
        state.Extra?.Remove(DeleteTarget(i));
    }
}

/// <summary>How a transaction changes the database.</summary>
public enum TransactionKind
{
    Rows,
    CreateIndex,
    DropIndex,
    AddColumn,
    DropColumn,
}

/// <summary>What the database must hold: rows by id (value and vector, null when NULL) and whether the index exists.</summary>
public sealed class ModelState
{
    public SortedDictionary<long, (long Val, float[]? V)> Rows { get; } = [];

    public bool HasIndex { get; set; }

    /// <summary>The rows whose <c>extra</c> vector is set, while the column exists; null when it does not.</summary>
    public HashSet<long>? Extra { get; set; }
}
