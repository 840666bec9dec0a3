using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs a relational SELECT (<see cref="BoundQuery"/>): one SQLite statement, its vector operators evaluated by VecStore's SQL functions over the statement's snapshot.</summary>
internal static partial class RelationalExecutor
{
    /// <summary>Starts the query; the result set owns the statement's scope from here.</summary>
    public static IResultSet Run(Session session, StatementScope scope, BoundQuery query)
    {
        var cursor = session.Query(query.Query, query.Decodings);
        return new RelationalResultSet(query.Columns, cursor, scope);
    }

    /// <summary>EXPLAIN: what runs (SQLite's plan, sources under the user's names); with <paramref name="analyze"/> the query also runs to its last row, reading every value.</summary>
    public static List<string> Explain(Session session, BoundQuery query, bool analyze)
    {
        var lines = new List<string> { "SQLITE QUERY (joins, grouping and subqueries run in SQLite; vector operators as VecStore functions over the statement's snapshot)" };
        foreach (var line in session.ExplainQuery(query.Query))
            lines.Add("  " + UserNames(line, query.SourceNames));
        if (!analyze)
            return lines;
        var clock = Stopwatch.StartNew();
        long rows = 0;
        using (var cursor = session.Query(query.Query, query.Decodings))
        {
            while (cursor.Read())
            {
                for (int i = 0; i < cursor.FieldCount; i++)
                    _ = cursor.GetValue(i);
                rows++;
            }
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"actual: {rows} rows in {clock.Elapsed.TotalMilliseconds:F3} ms"));
        return lines;
    }

    /// <summary>SQLite's plan names FROM items by number (s3); the user knows them by their names. Display only: nothing here reaches SQLite.</summary>
    private static string UserNames(string line, IReadOnlyDictionary<int, string> names) =>
        SourceName().Replace(line, match => names.TryGetValue(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), out var name) ? name : match.Value);

    [GeneratedRegex(@"\bs(\d+)\b")]
    private static partial Regex SourceName();
}
