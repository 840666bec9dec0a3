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
            case BoundCreateIndex create:
                session.CreateIndex(create.Definition, create.IfNotExists);
                return new StatementResult(null, -1);
            case BoundDropIndex drop:
                session.DropIndex(drop.Name, drop.IfExists);
                return new StatementResult(null, -1);
            case BoundInsert insert:
                session.Insert(insert.Table, insert.Rows);
                return new StatementResult(null, insert.Rows.Count);
            case BoundUpdate update:
                return new StatementResult(null, Clamp(session.Update(update.Table, update.Assignments, update.Where)));
            case BoundDelete delete:
                return new StatementResult(null, Clamp(session.Delete(delete.Table, delete.Where)));
            case BoundExplain { Statement: BoundSelect select }:
            {
                var lines = PlanPrinter.Print(Planner.Plan(select), whereText);
                return new StatementResult(new MaterializedResultSet(PlanColumns, lines.ConvertAll(line => new object?[] { line })), -1);
            }
            case BoundSelect select:
                return new StatementResult(RunSelect(session, scope, select, out scopeTaken), -1);
            default:
                throw new InvalidOperationException("statement kind " + statement.GetType().Name + " has no executor");
        }
    }

    private static IResultSet RunSelect(Session session, StatementScope scope, BoundSelect select, out bool scopeTaken)
    {
        scopeTaken = false;
        var plan = Planner.Plan(select);
        switch (plan)
        {
            case VectorTopKPlan topK:
                return new MaterializedResultSet(select.Columns, VectorTopKExecutor.Run(session, topK));
            case InMemorySortPlan sort:
                return new MaterializedResultSet(select.Columns, InMemorySortExecutor.Run(session, sort));
            default:
            {
                var orderBy = new List<OrderTerm>();
                foreach (var key in select.OrderBy)
                    orderBy.Add(new OrderTerm(key.Scalar!, key.Descending));
                var query = new RowQuery(select.Table, plan.Shape.Projections, select.Where, orderBy, select.Limit, select.Offset);
                var cursor = session.Select(query);
                scopeTaken = true;
                return new StreamingResultSet(select.Columns, plan.Shape, cursor, scope);
            }
        }
    }

    private static int Clamp(long count) => count > int.MaxValue ? int.MaxValue : (int)count;
}
