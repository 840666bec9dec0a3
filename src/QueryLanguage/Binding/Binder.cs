using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;
using CatalogSnapshot = VecStore.Storage.Catalog.Catalog;
using ColumnDefinitionSyntax = VecStore.QueryLanguage.Parsing.Syntax.ColumnDefinition;
using Assignment = VecStore.Storage.Queries.Assignment;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Checks a parsed statement against the catalog and the command's parameters, and resolves every name and value.</summary>
/// <remarks>
/// Errors are collected with their spans, so one statement reports all its mistakes at once;
/// <see cref="Bind"/> throws them together. The binder never touches the database.
/// </remarks>
internal sealed partial class Binder
{
    private readonly CatalogSnapshot _catalog;
    private readonly SourceText _source;
    private readonly ParameterValues _parameters;
    private readonly DiagnosticBag _diagnostics;
    private readonly DimensionLimits _dimensionLimits;
    private readonly Storage.Settings.SessionSettings _settings;

    private Binder(CatalogSnapshot catalog, SourceText source, ParameterValues parameters, DimensionLimits dimensionLimits, Storage.Settings.SessionSettings settings)
    {
        _settings = settings;
        _catalog = catalog;
        _source = source;
        _parameters = parameters;
        _dimensionLimits = dimensionLimits;
        _diagnostics = new DiagnosticBag(source);
    }

    /// <summary>Binds one statement; throws a <see cref="VecStoreException"/> holding every error found.</summary>
    /// <param name="settings">The session's SET values: defaults for the search options a SELECT does not give.</param>
    public static BoundStatement Bind(Statement statement, CatalogSnapshot catalog, SourceText source, ParameterValues parameters, DimensionLimits dimensionLimits, Storage.Settings.SessionSettings settings)
    {
        var binder = new Binder(catalog, source, parameters, dimensionLimits, settings);
        var bound = binder.BindStatement(statement);
        binder._diagnostics.ThrowIfAny();
        return bound;
    }

    /// <summary>True when a statement of this kind changes the database (its transaction then takes the write lock first).</summary>
    public static bool Writes(Statement statement) => statement is CreateTableStatement or DropTableStatement or AlterTableStatement
        or InsertStatement or UpdateStatement or DeleteStatement or CreateIndexStatement or DropIndexStatement or AnalyzeStatement;

    private BoundStatement BindStatement(Statement statement) => statement switch
    {
        CreateTableStatement s => BindCreateTable(s),
        DropTableStatement s => BindDropTable(s),
        AlterTableStatement s => BindAlterTable(s),
        InsertStatement s => BindInsert(s),
        UpdateStatement s => BindUpdate(s),
        DeleteStatement s => BindDelete(s),
        SelectStatement s => BindAnySelect(s),
        ExplainStatement s => BindExplain(s),
        BeginStatement s => new BoundSessionCommand(SessionCommand.Begin, s.Span),
        CommitStatement s => new BoundSessionCommand(SessionCommand.Commit, s.Span),
        RollbackStatement s => new BoundSessionCommand(SessionCommand.Rollback, s.Span),
        CheckpointStatement s => new BoundSessionCommand(SessionCommand.Checkpoint, s.Span),
        CreateIndexStatement s => BindCreateIndex(s),
        DropIndexStatement s => BindDropIndex(s),
        AnalyzeStatement s => new BoundAnalyze(s.Table is null ? null : FindTable(s.Table), s.Span),
        BackupStatement s => BindBackup(s),
        RestoreStatement s => BindRestore(s),
        VacuumStatement s => new BoundVacuum(s.Span),
        CheckStatement s => new BoundCheck(s.Span),
        SetStatement s => BindSet(s),
        ResetStatement s => BindReset(s),
        ShowStatement s => BindShow(s),
        _ => NotYet(statement),
    };

    private BoundStatement NotYet(Statement statement)
    {
        // Every statement the grammar has is executed today; this guards a statement added to the parser before the binder.
        Error(ErrorCode.NotYetSupported, statement.Span, $"{statement.GetType().Name} is part of the language but this version of VecStore does not execute it yet");
        return new BoundSessionCommand(SessionCommand.Begin, statement.Span);
    }

    private BoundStatement BindExplain(ExplainStatement explain)
    {
        if (explain.Statement is not SelectStatement select)
        {
            Error(ErrorCode.UnsupportedOperation, explain.Statement.Span, explain.Analyze ? "EXPLAIN ANALYZE runs and measures a SELECT" : "EXPLAIN shows the plan of a SELECT");
            return new BoundExplain(new BoundSessionCommand(SessionCommand.Begin, explain.Span), explain.Span);
        }
        return new BoundExplain(BindAnySelect(select), explain.Span, explain.Analyze);
    }

    private BoundStatement BindCreateTable(CreateTableStatement create)
    {
        string name = create.Name.Text;
        if (Identifiers.Problem(name) is { } problem)
            Error(ErrorCode.InvalidIdentifier, create.Name.Span, $"table name '{name}': {problem}");
        else if (_catalog.FindTable(name) is not null && !create.IfNotExists)
            Error(ErrorCode.TableAlreadyExists, create.Name.Span, $"table '{name}' already exists");

        if (create.Columns.Count > Limits.MaxColumns)
            Error(ErrorCode.LimitExceeded, create.Columns[Limits.MaxColumns].Span, $"table '{name}' has {create.Columns.Count:N0} columns; a table has at most {Limits.MaxColumns:N0}");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<Storage.Catalog.ColumnDefinition>();
        int primaryKeys = 0;
        foreach (var c in create.Columns)
        {
            var column = BindColumnDefinition(c, ref primaryKeys);
            if (!names.Add(c.Name.Text))
                Error(ErrorCode.DuplicateColumn, c.Name.Span, $"column '{c.Name.Text}' appears twice in table '{name}'");
            columns.Add(column);
        }

        foreach (var constraint in create.Constraints)
        {
            if (primaryKeys > 0)
            {
                Error(ErrorCode.MultiplePrimaryKeys, constraint.Span, $"table '{name}' has more than one primary key");
                continue;
            }
            int position = 0;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var keyColumn in constraint.Columns)
            {
                int index = columns.FindIndex(c => string.Equals(c.Name, keyColumn.Text, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    Error(ErrorCode.UnknownColumn, keyColumn.Span, $"the primary key names column '{keyColumn.Text}', which table '{name}' does not have");
                    continue;
                }
                if (!seen.Add(keyColumn.Text))
                {
                    Error(ErrorCode.DuplicateColumn, keyColumn.Span, $"column '{keyColumn.Text}' appears twice in the primary key");
                    continue;
                }
                if (columns[index].Type == ColumnType.Vector)
                    Error(ErrorCode.UnsupportedOperation, keyColumn.Span, $"vector column '{keyColumn.Text}' cannot be part of the primary key");
                columns[index] = columns[index] with { PrimaryKeyPosition = ++position, NotNull = true };
            }
            primaryKeys++;
        }
        return new BoundCreateTable(new TableDefinition(name, columns), create.IfNotExists, create.Span);
    }

    private Storage.Catalog.ColumnDefinition BindColumnDefinition(ColumnDefinitionSyntax c, ref int primaryKeys)
    {
        if (Identifiers.Problem(c.Name.Text) is { } problem)
            Error(ErrorCode.InvalidIdentifier, c.Name.Span, $"column name '{c.Name.Text}': {problem}");
        var type = c.Type.Kind switch
        {
            DataTypeKind.Integer => ColumnType.Integer,
            DataTypeKind.Real => ColumnType.Real,
            DataTypeKind.Text => ColumnType.Text,
            DataTypeKind.Blob => ColumnType.Blob,
            DataTypeKind.Boolean => ColumnType.Boolean,
            _ => ColumnType.Vector,
        };
        int dimensions = 0;
        var metric = Metric.L2;
        var element = VectorElement.Float32;
        if (type == ColumnType.Vector)
        {
            bool bits = c.Type.Kind == DataTypeKind.Bit;
            element = bits ? VectorElement.Bit : c.Type.ElementType == VectorElementType.Half ? VectorElement.Float16 : VectorElement.Float32;
            metric = bits ? Metric.Hamming : Metric.L2;
            long declared = c.Type.Dimensions ?? 0;
            if (_dimensionLimits.Problem(element, declared) is { } size)
                Error(ErrorCode.InvalidDimensions, c.Type.Span, size);
            else
                dimensions = (int)declared;
            if (c.Type.Metric is { } metricName)
            {
                if (!MetricNames.TryParse(metricName.Text, out metric))
                    Error(ErrorCode.SyntaxError, metricName.Span, bits
                        ? $"unknown metric '{metricName.Text}'; a BIT column uses hamming or jaccard"
                        : $"unknown metric '{metricName.Text}'; use l2, cosine, ip or l1");
                else if (!VectorElements.Supports(element, metric))
                    Error(ErrorCode.UnsupportedOperation, metricName.Span, bits
                        ? $"METRIC {metricName.Text} does not compare bits; a BIT column uses hamming or jaccard"
                        : $"METRIC {metricName.Text} compares bit vectors; declare the column BIT(n) or use l2, cosine, ip or l1");
            }
        }

        bool notNull = false;
        int pk = 0;
        object? defaultValue = null;
        foreach (var constraint in c.Constraints)
        {
            switch (constraint.Kind)
            {
                case ColumnConstraintKind.PrimaryKey:
                    if (primaryKeys++ > 0)
                        Error(ErrorCode.MultiplePrimaryKeys, constraint.Span, "a table has at most one primary key");
                    else if (type == ColumnType.Vector)
                        Error(ErrorCode.UnsupportedOperation, constraint.Span, $"vector column '{c.Name.Text}' cannot be the primary key");
                    pk = 1;
                    notNull = true;
                    break;
                case ColumnConstraintKind.NotNull:
                    notNull = true;
                    break;
                case ColumnConstraintKind.Null:
                    break;
                case ColumnConstraintKind.Default:
                    if (type == ColumnType.Vector)
                        Error(ErrorCode.UnsupportedOperation, constraint.Span, "a vector column cannot have a DEFAULT");
                    else if (constraint.Value is not LiteralExpression literal)
                        Error(ErrorCode.UnsupportedOperation, constraint.Value?.Span ?? constraint.Span, "DEFAULT takes a literal value");
                    else
                        defaultValue = Coerce(literal.Value, type, 0, c.Name.Text, literal.Span);
                    break;
            }
        }
        return new Storage.Catalog.ColumnDefinition(c.Name.Text, type, dimensions, metric, notNull, pk, defaultValue, element);
    }

    private BoundStatement BindDropTable(DropTableStatement drop)
    {
        if (!drop.IfExists && _catalog.FindTable(drop.Name.Text) is null)
            Error(ErrorCode.UnknownTable, drop.Name.Span, $"no such table: '{drop.Name.Text}'");
        return new BoundDropTable(drop.Name.Text, drop.IfExists, drop.Span);
    }

    private TableSchema? FindTable(Identifier name)
    {
        var table = _catalog.FindTable(name.Text);
        if (table is null)
            Error(ErrorCode.UnknownTable, name.Span, $"no such table: '{name.Text}'");
        return table;
    }

    private ColumnSchema? FindColumn(TableSchema table, Identifier name)
    {
        var column = table.FindColumn(name.Text);
        if (column is null)
            Error(ErrorCode.UnknownColumn, name.Span, $"table '{table.Name}' has no column '{name.Text}'");
        return column;
    }

    private void Error(ErrorCode code, SourceSpan span, string message) => _diagnostics.Add(new Diagnostic(code, span, message));

    private string Text(SourceSpan span) => _source.ToString(span);
}
