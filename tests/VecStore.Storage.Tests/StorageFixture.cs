using VecStore.Indexes.Distance;
using VecStore.Storage;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Tests;

/// <summary>Shortcuts for driving a Session directly in tests.</summary>
internal static class StorageFixture
{
    public static Session Open(string path, OpenMode mode = OpenMode.ReadWriteCreate, long checkpointBytes = 64L << 20)
        => Session.Open(new DatabaseOptions { DataSource = path, Mode = mode, CheckpointThresholdBytes = checkpointBytes });

    public static void Write(Session session, Action<StatementScope> action)
    {
        using var scope = session.BeginStatement(writes: true);
        action(scope);
        scope.Complete();
    }

    public static T Read<T>(Session session, Func<T> action)
    {
        using var scope = session.BeginStatement(writes: false);
        var result = action();
        scope.Complete();
        return result;
    }

    /// <summary>Table docs(id INTEGER PRIMARY KEY, tag TEXT, v VECTOR(dims)).</summary>
    public static TableSchema CreateDocs(Session session, int dims, Metric metric = Metric.L2, string name = "docs")
    {
        Write(session, _ => session.CreateTable(new TableDefinition(name,
        [
            new ColumnDefinition("id", ColumnType.Integer, 0, Metric.L2, true, 1, null),
            new ColumnDefinition("tag", ColumnType.Text, 0, Metric.L2, false, 0, null),
            new ColumnDefinition("v", ColumnType.Vector, dims, metric, false, 0, null),
        ]), ifNotExists: false));
        return session.Catalog.FindTable(name)!;
    }

    /// <summary>Every (row id, vector) the view holds, sorted by row id.</summary>
    public static SortedDictionary<long, float[]> Snapshot(Session session, ColumnSchema column)
        => Read(session, () =>
        {
            var view = session.View(column);
            var result = new SortedDictionary<long, float[]>();
            for (int b = 0; b < view.BlockCount; b++)
            {
                var block = view.GetBlock(b);
                for (int i = 0; i < block.Count; i++)
                {
                    if (!block.IsPresent(i))
                        continue;
                    long slot = block.IdAt(i);
                    long rowId = view.RowIdOf(slot)!.Value;
                    Assert.False(result.ContainsKey(rowId), $"row {rowId} appears twice in the scan");
                    result[rowId] = block.Vectors.Slice(i * view.Dimensions, view.Dimensions).ToArray();
                }
            }
            return result;
        });

    /// <summary>Copies a database's files as they are on disk now, as a crash would leave them.</summary>
    /// <remarks>Uses cp: .NET honours the writer's advisory lock on the vector file, and a crash does not.</remarks>
    public static void CopyFiles(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal", "-vectors" })
        {
            if (!File.Exists(from + suffix))
                continue;
            using var cp = System.Diagnostics.Process.Start("cp", [from + suffix, to + suffix])!;
            cp.WaitForExit();
            Assert.Equal(0, cp.ExitCode);
        }
    }
}
