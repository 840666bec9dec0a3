using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Executes the statements of one command text in order, one per <see cref="Next"/>.</summary>
/// <remarks>
/// Each statement is bound against the catalog as it is when the statement starts, so a script
/// can create a table and use it. A failed statement changes nothing and stops the command.
/// </remarks>
internal sealed class CommandRunner
{
    private readonly Session _session;
    private readonly ParseResult _parse;
    private readonly ParameterValues _parameters;
    private int _next;

    public CommandRunner(Session session, ParseResult parse, ParameterValues parameters)
    {
        _session = session;
        _parse = parse;
        _parameters = parameters;
    }

    /// <summary>Runs the next statement; null when all have run.</summary>
    /// <remarks>An error raised while executing (a duplicate key, a busy database) points at the whole statement.</remarks>
    public StatementResult? Next()
    {
        if (_next >= _parse.Statements.Count)
            return null;
        var statement = _parse.Statements[_next++];
        try
        {
            return Run(statement);
        }
        catch (VecStoreException ex) when (ex.Location is null)
        {
            throw ex.At(_parse.Source.GetLocation(statement.Span));
        }
    }

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

        var scope = _session.BeginStatement(Binder.Writes(statement));
        bool scopeTaken = false;
        try
        {
            var bound = Binder.Bind(statement, _session.Catalog, _parse.Source, _parameters, _session.MaxDimensions);
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

    private string? WhereText(Statement statement) => statement switch
    {
        ExplainStatement { Statement: SelectStatement { Where: { } where } } => _parse.Source.ToString(where.Span),
        _ => null,
    };
}
