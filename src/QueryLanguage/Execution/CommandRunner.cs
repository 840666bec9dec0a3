using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Executes the statements of one command text (or of each command of a batch) in order, one per <see cref="Next"/>.</summary>
/// <remarks>
/// Each statement is bound against the catalog as it is when the statement starts, so a script
/// can create a table and use it. A failed statement changes nothing and stops the command.
/// </remarks>
internal sealed class CommandRunner
{
    private readonly Session _session;
    private readonly IReadOnlyList<CommandPart> _parts;
    private int _part;
    private int _next;
    private ParseResult _parse;
    private ParameterValues _parameters;

    public CommandRunner(Session session, ParseResult parse, ParameterValues parameters)
        : this(session, [new CommandPart(parse, parameters, null)])
    {
    }

    public CommandRunner(Session session, IReadOnlyList<CommandPart> parts)
    {
        _session = session;
        _parts = parts;
        _parse = parts.Count > 0 ? parts[0].Parse : Parsing.SqlParser.Parse("");
        _parameters = parts.Count > 0 ? parts[0].Parameters : ParameterValues.None;
    }

    /// <summary>Runs the next statement; null when all have run.</summary>
    /// <remarks>An error raised while executing (a duplicate key, a busy database) points at the whole statement.</remarks>
    public StatementResult? Next()
    {
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
        var statement = _parse.Statements[_next++];
        try
        {
            var result = Run(statement);
            if (result.RecordsAffected >= 0)
                part.Affected?.Invoke(result.RecordsAffected);
            return result;
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
