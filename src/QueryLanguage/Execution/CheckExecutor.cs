using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs CHECK and returns its report as rows: file, kind, item, status, detail.</summary>
internal static class CheckExecutor
{
    private static readonly OutputColumn[] Columns =
    [
        new("file", typeof(string), "TEXT", null, null),
        new("kind", typeof(string), "TEXT", null, null),
        new("item", typeof(string), "TEXT", null, null),
        new("status", typeof(string), "TEXT", null, null),
        new("detail", typeof(string), "TEXT", null, null),
    ];

    public static IResultSet Run(Session session)
    {
        var findings = session.Check();
        var rows = new List<object?[]>(findings.Count);
        foreach (var f in findings)
            rows.Add([f.File, f.Kind, f.Item, f.Status, f.Detail]);
        return new MaterializedResultSet(Columns, rows);
    }
}
