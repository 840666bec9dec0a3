using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs a relational SELECT (<see cref="BoundQuery"/>): its vector searches (<see cref="RelationalPlanner"/>), then one SQLite statement over their rows, its vector operators evaluated by VecStore's SQL functions over the statement's snapshot.</summary>
internal static partial class RelationalExecutor
{
    /// <summary>Starts the query; the result set owns the statement's scope from here.</summary>
    public static IResultSet Run(Session session, StatementScope scope, BoundQuery query)
    {
        var plan = RelationalPlanner.Plan(query);
        var statistics = new SessionPlanStatistics(session);
        foreach (var search in plan.Searches)
            Search(session, (VectorTopKPlan)Planner.Plan(search.Select, statistics), search, null, statistics);
        var cursor = session.Query(plan.Query, query.Decodings);
        return new RelationalResultSet(query.Columns, cursor, scope);
    }

    /// <summary>Runs one search and hands its row ids, in ranking order, to the statement.</summary>
    /// <remarks>
    /// When ORDER BY has keys after the distance, every row at the k-th distance must reach SQLite:
    /// the search asks for one row more, and for twice as many while the last one still ties.
    /// </remarks>
    private static void Search(Session session, VectorTopKPlan plan, RankedSearch search, ExecutionTrace? trace, IPlanStatistics statistics)
    {
        List<object?[]> rows;
        if (!search.GatherTies || search.Select.Limit is not long k || k == 0)
        {
            rows = VectorTopKExecutor.Run(session, plan, null, trace);
        }
        else
        {
            long ask = k + 1;
            while (true)
            {
                rows = VectorTopKExecutor.Run(session, (VectorTopKPlan)Planner.Plan(search.Select with { Limit = ask }, statistics), null, trace);
                if (rows.Count < ask || !Equals(rows[^1][1], rows[(int)k - 1][1]))
                    break;
                ask *= 2;
            }
        }
        var ids = new long[rows.Count];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = (long)rows[i][0]!;
        search.Rows.Json = InSubqueryOfJsonIds.Json(ids);
    }

    /// <summary>EXPLAIN: each vector search (the single-table vocabulary, indented under its SELECT), then what SQLite runs around them (its plan, sources under the user's names); with <paramref name="analyze"/> the query also runs to its last row, reading every value.</summary>
    /// <remarks>A search whose rows another search's filter reads runs while explaining, so the later one is planned on real rows.</remarks>
    public static List<string> Explain(Session session, BoundQuery query, bool analyze)
    {
        var clock = Stopwatch.StartNew();
        var plan = RelationalPlanner.Plan(query);
        var statistics = new SessionPlanStatistics(session);
        var lines = new List<string>();
        for (int i = 0; i < plan.Searches.Count; i++)
        {
            var search = plan.Searches[i];
            var topK = (VectorTopKPlan)Planner.Plan(search.Select, statistics);
            string indent = new(' ', 2 * search.Depth);
            lines.Add($"{indent}VECTOR TOP-K of {search.Source} (its ranked rows restrict the SELECT it belongs to; the rest of that SELECT runs in SQLite)");
            var printed = PlanPrinter.Print(topK, search.FilterText);
            AddEstimate(session, topK, printed);
            ExecutionTrace? trace = analyze ? new ExecutionTrace() : null;
            if (analyze || i < plan.Searches.Count - 1)
                Search(session, topK, search, trace, statistics);
            if (trace?.FilterRows is long passed)
                printed.Add(string.Create(CultureInfo.InvariantCulture, $"actual filter: {passed} rows passed in {trace.FilterTime.TotalMilliseconds:F3} ms"));
            if (trace?.Path is { } path)
                printed.Add("actual ranking: " + path);
            foreach (var line in printed)
                lines.Add(indent + "  " + (line == PlanPrinter.FetchLine ? $"  then: SQLite reads only the ranked rows of {search.Source}, nearest first" : line));
        }
        lines.Add(plan.Searches.Count == 0
            ? "SQLITE QUERY (joins, grouping and subqueries run in SQLite; vector operators as VecStore functions over the statement's snapshot; no vector search applies, so distances are computed for every row: exact)"
            : "SQLITE QUERY (joins, grouping and subqueries run in SQLite over the ranked rows; vector operators as VecStore functions over the statement's snapshot)");
        foreach (var line in session.ExplainQuery(plan.Query))
            lines.Add("  " + UserNames(line, plan.SourceNames));
        if (!analyze)
            return lines;
        long rows = 0;
        using (var cursor = session.Query(plan.Query, query.Decodings))
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

    private static void AddEstimate(Session session, VectorTopKPlan plan, List<string> lines) => Executor.AddEstimate(session, plan, lines);

    /// <summary>SQLite's plan names FROM items by number (s3); the user knows them by their names. Display only: nothing here reaches SQLite.</summary>
    private static string UserNames(string line, IReadOnlyDictionary<int, string> names) =>
        SourceName().Replace(line, match => names.TryGetValue(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), out var name) ? name : match.Value);

    [GeneratedRegex(@"\bs(\d+)\b")]
    private static partial Regex SourceName();
}
