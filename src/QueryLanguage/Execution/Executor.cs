using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Executes a bound statement inside its statement scope.</summary>
internal static class Executor
{
    private static readonly OutputColumn[] PlanColumns = [new("plan", typeof(string), "TEXT", null, null)];

    /// <summary>Runs the statement; <paramref name="scopeTaken"/> says the result now owns the scope (a streaming reader).</summary>
    public static StatementResult Run(Session session, StatementScope scope, BoundStatement statement, string? whereText, out bool scopeTaken)
    {
        scopeTaken = false;
        switch (statement)
        {
            case BoundCreateTable create:
                session.CreateTable(create.Definition, create.IfNotExists);
                return new StatementResult(null, -1);
            case BoundDropTable drop:
                session.DropTable(drop.Name, drop.IfExists);
                return new StatementResult(null, -1);
            case BoundAlterTable alter:
                session.AlterTable(alter.Table, alter.Change);
                return new StatementResult(null, -1);
            case BoundCreateIndex create:
                session.CreateIndex(create.Definition, create.IfNotExists);
                return new StatementResult(null, -1);
            case BoundAnalyze analyze:
                session.Analyze(analyze.Table);
                return new StatementResult(null, -1);
            case BoundDropIndex drop:
                session.DropIndex(drop.Name, drop.IfExists);
                return new StatementResult(null, -1);
            case BoundInsert insert:
                return WriteExecutor.Insert(session, insert);
            case BoundUpdate update:
                return WriteExecutor.Update(session, update);
            case BoundDelete delete:
                return WriteExecutor.Delete(session, delete);
            case BoundExplain { Statement: BoundQuery query } explain:
            {
                var lines = RelationalExecutor.Explain(session, query, explain.Analyze);
                return new StatementResult(new MaterializedResultSet(PlanColumns, lines.ConvertAll(line => new object?[] { line })), -1);
            }
            case BoundQuery query:
            {
                var rows = RelationalExecutor.Run(session, scope, query);
                scopeTaken = true;
                return new StatementResult(rows, -1);
            }
            case BoundExplain { Statement: BoundSelect select, Analyze: true }:
            {
                var lines = Analyze(session, select, whereText);
                return new StatementResult(new MaterializedResultSet(PlanColumns, lines.ConvertAll(line => new object?[] { line })), -1);
            }
            case BoundExplain { Statement: BoundSelect select }:
            {
                var plan = Planner.Plan(select, new SessionPlanStatistics(session));
                var lines = PlanPrinter.Print(plan, whereText);
                AddEstimate(session, plan, lines);
                return new StatementResult(new MaterializedResultSet(PlanColumns, lines.ConvertAll(line => new object?[] { line })), -1);
            }
            case BoundCheck:
                return new StatementResult(CheckExecutor.Run(session), -1);
            case BoundSelect select:
                return new StatementResult(RunSelect(session, scope, select, out scopeTaken), -1);
            default:
                throw new InvalidOperationException("statement kind " + statement.GetType().Name + " has no executor");
        }
    }

    private static IResultSet RunSelect(Session session, StatementScope scope, BoundSelect select, out bool scopeTaken)
    {
        scopeTaken = false;
        var plan = WithinRanges(session, Planner.Plan(select, new SessionPlanStatistics(session)));
        switch (plan)
        {
            case VectorTopKPlan topK:
                return new MaterializedResultSet(select.Columns, VectorTopKExecutor.Run(session, topK));
            case InMemorySortPlan sort:
                return new MaterializedResultSet(select.Columns, InMemorySortExecutor.Run(session, sort));
            default:
            {
                var cursor = session.Select(ScalarQuery(plan));
                scopeTaken = true;
                return new StreamingResultSet(select.Columns, plan.Shape, cursor, scope);
            }
        }
    }

    /// <summary>Runs <paramref name="select"/> to its last row and returns the plan followed by what actually happened.</summary>
    /// <remarks>
    /// Every row is produced and every output value read (distances included), as a client reading
    /// the whole result would; the rows themselves are dropped. The time covers planning and
    /// execution inside this statement, not sending rows to a client.
    /// </remarks>
    private static List<string> Analyze(Session session, BoundSelect select, string? whereText)
    {
        var trace = new ExecutionTrace();
        var plan = Planner.Plan(select, new SessionPlanStatistics(session));
        long rows = 0;
        switch (WithinRanges(session, plan, trace))
        {
            case VectorTopKPlan topK:
                rows = VectorTopKExecutor.Run(session, topK, null, trace).Count;
                break;
            case InMemorySortPlan sort:
                rows = InMemorySortExecutor.Run(session, sort).Count;
                break;
            case var scan:
            {
                using var cursor = session.Select(ScalarQuery(scan));
                while (cursor.Read())
                {
                    for (int i = 0; i < cursor.FieldCount; i++)
                        _ = cursor.GetValue(i);
                    rows++;
                }
                break;
            }
        }
        var elapsed = trace.Elapsed;
        var lines = PlanPrinter.Print(plan, whereText);
        AddEstimate(session, plan, lines);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var range in trace.Ranges)
            lines.Add("actual range: " + range);
        if (trace.FilterRows is long passed)
            lines.Add(string.Create(invariant, $"actual filter: {passed} rows passed the WHERE clause in {trace.FilterTime.TotalMilliseconds:F3} ms"));
        if (trace.Path is { } path)
            lines.Add("actual ranking: " + path);
        lines.Add(string.Create(invariant, $"actual: {rows} rows in {elapsed.TotalMilliseconds:F3} ms"));
        return lines;
    }

    /// <summary>The plan with its distance ranges answered: the rows within them join its WHERE clause, and every plan runs as it would without ranges.</summary>
    private static SelectPlan WithinRanges(Session session, SelectPlan plan, ExecutionTrace? trace = null)
    {
        var select = plan.Select;
        return select.Ranges.Count == 0 ? plan
            : plan with { Select = select with { Where = RangeRows.Restrict(session, select.Where, select.Ranges, trace), Ranges = [] } };
    }

    /// <summary>The query SQLite runs for a plan that ranks no vectors: filter, scalar order, limit and offset all in SQL.</summary>
    private static RowQuery ScalarQuery(SelectPlan plan)
    {
        var select = plan.Select;
        var orderBy = new List<OrderTerm>();
        foreach (var key in select.OrderBy)
            orderBy.Add(new OrderTerm(key.Scalar!, key.Descending) { NullsLast = Binding.Binder.IsDistanceExpr(key.Scalar!) ? !key.Descending : null });
        return new RowQuery(select.Table, plan.Shape.Projections, select.Where, orderBy, select.Limit, select.Offset);
    }

    /// <summary>Adds how many rows the WHERE clause is expected to pass, from a sample, and for a filtered nearest-neighbour search what each strategy was estimated to cost.</summary>
    internal static void AddEstimate(Session session, SelectPlan plan, List<string> lines)
    {
        var select = plan.Select;
        if (select.Table is null || select.Where is null)
            return;
        var choice = (plan as VectorTopKPlan)?.Choice;
        var estimate = choice?.Estimate ?? session.EstimateFilter(select.Table, select.Where);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        lines.Add(estimate is null
            ? "estimated filter: the table is empty"
            : estimate.CountedRows is long counted
            ? string.Create(invariant, $"estimated filter: {counted} rows pass (counted through an index, fewer than {Planner.CountedFilterRows})")
            : string.Create(invariant,
                $"estimated filter: about {estimate.EstimatedRows} of {estimate.TableRows} rows pass ({estimate.SamplePassed} of {estimate.SampleRows} sampled rows, {(estimate.FromAnalyze ? "from ANALYZE" : "sampled while planning; ANALYZE keeps a sample")})"));
        if (choice is not null)
            lines.Add($"estimated cost: {choice.Costs.Describe()}; chosen: {choice.Strategy.ToString().ToLowerInvariant()}");
    }

    private static int Clamp(long count) => count > int.MaxValue ? int.MaxValue : (int)count;
}
