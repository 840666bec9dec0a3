namespace VecStore.Durability.Tests;

/// <summary>Runs CHECK on a connection and reads its report: file, kind, item, status, detail per row.</summary>
internal static class CheckResults
{
    public static List<(string File, string Kind, string Item, string Status, string Detail)> Run(VecStoreConnection connection)
    {
        using var command = new VecStoreCommand("CHECK", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return rows;
    }

    /// <summary>The rows that report a problem, as one line each.</summary>
    public static List<string> Problems(VecStoreConnection connection)
        => Run(connection).Where(r => r.Status != "ok").Select(r => $"{r.File} {r.Kind} {r.Item}: {r.Detail}").ToList();

    /// <summary>Fails unless CHECK reports every file ok (one row each: SQLite file, log, vector file, indexes).</summary>
    public static List<(string File, string Kind, string Item, string Status, string Detail)> AssertAllOk(VecStoreConnection connection, string context)
    {
        var rows = Run(connection);
        var problems = rows.Where(r => r.Status != "ok").Select(r => $"{r.File} {r.Kind} {r.Item}: {r.Detail}").ToList();
        Assert.True(problems.Count == 0, $"{context}: CHECK reports {string.Join("; ", problems)}");
        Assert.Contains(rows, r => r.Kind == "sqlite");
        Assert.Contains(rows, r => r.Kind == "vector file");
        return rows;
    }
}
