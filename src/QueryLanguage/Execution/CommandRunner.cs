using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Planning;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Executes the statements of one command text (or of each command of a batch) in order, one per <see cref="Next"/>.</summary>
/// <remarks>
/// Each statement is bound against the catalog as it is when the statement starts, so a script
/// can create a table and use it. A failed statement changes nothing and ends the command: after
/// any error (raised here, or while its rows are read, see <see cref="Stop"/>) no later statement
/// of the text or of the batch runs, as in Microsoft.Data.Sqlite. While a statement runs, the
/// session's <see cref="Session.Monitor"/> is the command's <see cref="Monitor"/>: a stop (cancel
/// or time limit) fails the statement with VECSQL0230 or VECSQL0231, which ends the command too.
/// </remarks>
internal sealed class CommandRunner
{
    private readonly Session _session;
    private readonly IReadOnlyList<CommandPart> _parts;
    private int _part;
    private int _next;
    private ParseResult _parse;
    private ParameterValues _parameters;
    private readonly Queue<StatementResult> _pending = new();
    private bool _stopped;

    public CommandRunner(Session session, ParseResult parse, ParameterValues parameters, StatementMonitor monitor)
        : this(session, [new CommandPart(parse, parameters, null)], monitor)
    {
    }

    public CommandRunner(Session session, IReadOnlyList<CommandPart> parts, StatementMonitor monitor)
    {
        _session = session;
        _parts = parts;
        Monitor = monitor;
        _parse = parts.Count > 0 ? parts[0].Parse : Parsing.SqlParser.Parse("");
        _parameters = parts.Count > 0 ? parts[0].Parameters : ParameterValues.None;
    }

    /// <summary>Watches the command: its cancellation, its time limit, its progress.</summary>
    public StatementMonitor Monitor { get; }

    /// <summary>Runs the next statement; null when all have run, or once one has failed.</summary>
    /// <remarks>An error raised while executing (a duplicate key, a busy database) points at the whole statement.</remarks>
    public StatementResult? Next()
    {
        if (_stopped)
            return null;
        try
        {
            return RunNext();
        }
        catch
        {
            Stop();
            throw;
        }
    }

    /// <summary>Ends the command: <see cref="Next"/> runs nothing more. For an error met while reading a statement's rows.</summary>
    public void Stop()
    {
        _stopped = true;
        while (_pending.Count > 0)
            _pending.Dequeue().Rows?.Dispose();
    }

    private StatementResult? RunNext()
    {
        if (_pending.Count > 0)
            return _pending.Dequeue();
        while (_part < _parts.Count && _next >= _parts[_part].Parse.Statements.Count)
        {
            _part++;
            _next = 0;
        }
        if (_part >= _parts.Count)
            return null;
        var part = _parts[_part];
        _parse = part.Parse;
        _parameters = part.Parameters;
        var statement = _parse.Statements[_next];
        _session.Monitor = Monitor;
        try
        {
            Monitor.ThrowIfStopped();
            if (_next == 0 && TryRunBatchedSearches())
                return _pending.Dequeue();
            _next++;
            var result = Run(statement);
            if (result.RecordsAffected >= 0)
                part.Affected?.Invoke(result.RecordsAffected);
            return result;
        }
        catch (Exception ex) when (Monitor.IsStopped && IsStop(ex))
        {
            // Work that noticed the stop says so in its own way (an OperationCanceledException from
            // an index build, SQLite's interrupt); the statement fails with the monitor's reason.
            throw Monitor.Stop().At(_parse.Source.GetLocation(statement.Span));
        }
        catch (VecStoreException ex) when (ex.Location is null)
        {
            throw ex.At(_parse.Source.GetLocation(statement.Span));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Storage translates SQLite's errors where it calls SQLite; one it missed (a damaged
            // file can fail any read) still reaches the caller as a VecStoreException.
            throw Storage.Metadata.SqliteErrors.Translate(ex, _session.DisplayName, "running a statement").At(_parse.Source.GetLocation(statement.Span));
        }
        finally
        {
            _session.Monitor = StatementMonitor.None;
        }
    }

    // Busy: a wait for another writer's lock gave up because the statement stopped.
    private static bool IsStop(Exception ex) => ex is OperationCanceledException or AggregateException
        or VecStoreException { Code: ErrorCode.Cancelled or ErrorCode.TimedOut or ErrorCode.Busy }
        or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 9 };

    private StatementResult Run(Statement statement)
    {
        switch (statement)
        {
            case BeginStatement:
                _session.BeginTransaction();
                return new StatementResult(null, -1);
            case CommitStatement:
                _session.Commit();
                return new StatementResult(null, -1);
            case RollbackStatement:
                _session.Rollback();
                return new StatementResult(null, -1);
            case CheckpointStatement:
                _session.Checkpoint();
                return new StatementResult(null, -1);
        }

        if (Binder.IsSetting(statement))
            return SettingsExecutor.Run(_session, Binder.Bind(statement, _session.Catalog, _parse.Source, _parameters, _session.DimensionLimits, _session.Settings));

        if (Binder.IsMaintenance(statement))
        {
            var maintenance = Binder.Bind(statement, _session.Catalog, _parse.Source, _parameters, _session.DimensionLimits, _session.Settings);
            return MaintenanceExecutor.Run(_session, maintenance, _parse.Source);
        }

        var scope = _session.BeginStatement(Binder.Writes(statement));
        bool scopeTaken = false;
        try
        {
            var bound = Binder.Bind(statement, _session.Catalog, _parse.Source, _parameters, _session.DimensionLimits, _session.Settings);
            var result = Executor.Run(_session, scope, bound, WhereText(statement), out scopeTaken);
            if (!scopeTaken)
                scope.Complete();
            return result;
        }
        finally
        {
            if (!scopeTaken)
                scope.Dispose();
        }
    }

    /// <summary>
    /// When this and the following batch commands are the same one-statement SELECT (same text,
    /// different values) and all plan to an exact top-k that can share a scan, runs them as one
    /// batched search and queues their results. Otherwise leaves them to the normal path.
    /// </summary>
    private bool TryRunBatchedSearches()
    {
        var parse = _parts[_part].Parse;
        if (parse.Statements.Count != 1 || parse.Statements[0] is not SelectStatement)
            return false;
        int run = 1;
        while (_part + run < _parts.Count && ReferenceEquals(_parts[_part + run].Parse, parse))
            run++;
        if (run < 2)
            return false;

        var scope = _session.BeginStatement(writes: false);
        try
        {
            var plans = new List<VectorTopKPlan>(run);
            for (int i = 0; i < run; i++)
            {
                if (Binder.Bind(parse.Statements[0], _session.Catalog, parse.Source, _parts[_part + i].Parameters, _session.DimensionLimits, _session.Settings) is not BoundSelect select
                    || Planner.Plan(select) is not VectorTopKPlan plan
                    || (plans.Count > 0 && !VectorTopKBatchExecutor.CanShare(plans[0], plan)))
                    return false;
                plans.Add(plan);
            }
            var results = VectorTopKBatchExecutor.Run(_session, plans);
            scope.Complete();
            for (int i = 0; i < run; i++)
                _pending.Enqueue(new StatementResult(new MaterializedResultSet(plans[i].Select.Columns, results[i]), -1));
            _part += run;
            _next = 0;
            return true;
        }
        catch (VecStoreException) when (!Monitor.IsStopped)
        {
            // The normal path runs the statements again and reports the error at the right one.
            return false;
        }
        finally
        {
            scope.Dispose();
        }
    }

    private string? WhereText(Statement statement) => statement switch
    {
        ExplainStatement { Statement: SelectStatement { Where: { } where } } => Binder.ScalarWhereText(where, _parse.Source),
        _ => null,
    };
}
