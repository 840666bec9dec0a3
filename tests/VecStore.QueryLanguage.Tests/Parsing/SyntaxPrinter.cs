using System.Globalization;
using System.Text;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>Prints syntax trees back to VecSQL in one canonical form, for round-trip and precedence tests.</summary>
/// <remarks>
/// Keywords are upper case, every operator expression is wrapped in parentheses (so the output shows
/// how the parser grouped it), and reals always print with a fraction or exponent so that they parse
/// back as reals.
/// </remarks>
internal static class SyntaxPrinter
{
    public static string Print(Statement statement) => statement switch
    {
        SelectStatement s => Select(s),
        InsertStatement s => $"INSERT INTO {Name(s.Table)}"
            + (s.Columns is null ? "" : " (" + string.Join(", ", s.Columns.Select(Name)) + ")")
            + " VALUES " + string.Join(", ", s.Rows.Select(row => "(" + List(row.Values) + ")")),
        UpdateStatement s => $"UPDATE {Name(s.Table)} SET "
            + string.Join(", ", s.Assignments.Select(a => $"{Name(a.Column)} = {Print(a.Value)}"))
            + Where(s.Where),
        DeleteStatement s => $"DELETE FROM {Name(s.Table)}" + Where(s.Where),
        CreateTableStatement s => "CREATE TABLE " + (s.IfNotExists ? "IF NOT EXISTS " : "") + Name(s.Name) + " ("
            + string.Join(", ", s.Columns.Select(Column).Concat(s.Constraints.Select(Constraint))) + ")",
        DropTableStatement s => "DROP TABLE " + (s.IfExists ? "IF EXISTS " : "") + Name(s.Name),
        AlterTableStatement s => "ALTER TABLE " + Name(s.Table) + " " + s.Action switch
        {
            AddColumnAction a => "ADD COLUMN " + (a.IfNotExists ? "IF NOT EXISTS " : "") + Column(a.Column),
            DropColumnAction a => "DROP COLUMN " + (a.IfExists ? "IF EXISTS " : "") + Name(a.Column),
            RenameTableAction a => "RENAME TO " + Name(a.NewName),
            RenameColumnAction a => "RENAME COLUMN " + Name(a.Column) + " TO " + Name(a.NewName),
            _ => throw new ArgumentException($"No printer for {s.Action.GetType().Name}", nameof(statement)),
        },
        CreateIndexStatement s => "CREATE INDEX " + (s.IfNotExists ? "IF NOT EXISTS " : "") + Name(s.Name) + " ON " + Name(s.Table)
            + (s.Method is { } method ? $" USING {method.ToString().ToUpperInvariant()}" : "")
            + " (" + string.Join(", ", s.Columns.Select(Name)) + ")" + Options(s.Options),
        DropIndexStatement s => "DROP INDEX " + (s.IfExists ? "IF EXISTS " : "") + Name(s.Name),
        ExplainStatement s => "EXPLAIN " + (s.Analyze ? "ANALYZE " : "") + Print(s.Statement),
        BeginStatement => "BEGIN",
        CommitStatement => "COMMIT",
        RollbackStatement => "ROLLBACK",
        CheckpointStatement => "CHECKPOINT",
        AnalyzeStatement s => "ANALYZE" + (s.Table is null ? "" : " " + Name(s.Table)),
        VacuumStatement => "VACUUM",
        CheckStatement => "CHECK",
        BackupStatement s => "BACKUP TO " + Quote(s.Path),
        RestoreStatement s => "RESTORE FROM " + Quote(s.Path),
        SetStatement s => $"SET {(s.Local ? "LOCAL " : "")}{s.Name.Text} = {(s.Value is null ? "DEFAULT" : Print(s.Value))}",
        ResetStatement s => "RESET " + (s.Name?.Text ?? "ALL"),
        ShowStatement s => "SHOW " + (s.Name?.Text ?? "ALL"),
        _ => throw new ArgumentException($"No printer for {statement.GetType().Name}", nameof(statement)),
    };

    public static string Print(Expression expression) => expression switch
    {
        LiteralExpression e => Literal(e),
        VectorLiteralExpression e => "[" + List(e.Elements) + "]",
        ParameterExpression e => e.IsPositional ? "?" : e.Prefix + e.Name,
        ColumnReference e => (e.Qualifier is null ? "" : Name(e.Qualifier) + ".") + Name(e.Name),
        UnaryExpression e => e.Operator switch
        {
            UnaryOperator.Not => $"(NOT {Print(e.Operand)})",
            UnaryOperator.Negate => $"(- {Print(e.Operand)})",
            _ => $"(+ {Print(e.Operand)})",
        },
        BinaryExpression e => $"({Print(e.Left)} {Operator(e.Operator)} {Print(e.Right)})",
        BetweenExpression e => $"({Print(e.Operand)} {Not(e.Negated)}BETWEEN {Print(e.Lower)} AND {Print(e.Upper)})",
        InExpression e => $"({Print(e.Operand)} {Not(e.Negated)}IN ({List(e.Values)}))",
        LikeExpression e => $"({Print(e.Operand)} {Not(e.Negated)}LIKE {Print(e.Pattern)}"
            + (e.Escape is null ? "" : $" ESCAPE {Print(e.Escape)}") + ")",
        IsNullExpression e => $"({Print(e.Operand)} IS {Not(e.Negated)}NULL)",
        FunctionCall e => Name(e.Name) + "(" + (e.IsCountStar ? "*" : (e.Distinct ? "DISTINCT " : "") + List(e.Arguments)) + ")",
        SubqueryExpression e => "(" + Select(e.Query) + ")",
        ExistsExpression e => "EXISTS (" + Select(e.Query) + ")",
        InSubqueryExpression e => $"({Print(e.Operand)} {Not(e.Negated)}IN ({Select(e.Query)}))",
        CastExpression e => $"CAST({Print(e.Operand)} AS {Type(e.Type)})",
        CaseExpression e => "CASE" + (e.Operand is null ? "" : " " + Print(e.Operand))
            + string.Concat(e.Branches.Select(b => $" WHEN {Print(b.When)} THEN {Print(b.Then)}"))
            + (e.Else is null ? "" : " ELSE " + Print(e.Else)) + " END",
        _ => throw new ArgumentException($"No printer for {expression.GetType().Name}", nameof(expression)),
    };

    private static string Select(SelectStatement s)
    {
        var sql = new StringBuilder();
        if (s.With.Count > 0)
            sql.Append("WITH ").Append(string.Join(", ", s.With.Select(c => Name(c.Name)
                + (c.Columns is null ? "" : " (" + string.Join(", ", c.Columns.Select(Name)) + ")")
                + " AS (" + Select(c.Query) + ")"))).Append(' ');
        sql.Append(Core(s.Core));
        foreach (var part in s.Compounds)
        {
            sql.Append(part.Operator switch
            {
                SetOperator.UnionAll => " UNION ALL ",
                SetOperator.Intersect => " INTERSECT ",
                SetOperator.Except => " EXCEPT ",
                _ => " UNION ",
            }).Append(Core(part.Core));
        }
        if (s.OrderBy.Count > 0)
        {
            sql.Append(" ORDER BY ").Append(string.Join(", ", s.OrderBy.Select(o =>
                Print(o.Expression) + (o.Direction == SortDirection.Descending ? " DESC" : ""))));
        }
        if (s.Limit is not null)
            sql.Append(" LIMIT ").Append(Print(s.Limit));
        if (s.Offset is not null)
            sql.Append(" OFFSET ").Append(Print(s.Offset));
        return sql.Append(Options(s.Options)).ToString();
    }

    private static string Core(SelectCore core)
    {
        var sql = new StringBuilder(core.Distinct ? "SELECT DISTINCT " : "SELECT ");
        sql.Append(string.Join(", ", core.Items.Select(item => item switch
        {
            StarSelectItem star => star.Qualifier is null ? "*" : Name(star.Qualifier) + ".*",
            ExpressionSelectItem e => Print(e.Expression) + (e.Alias is null ? "" : " AS " + Name(e.Alias)),
            _ => throw new ArgumentException("Unknown select item"),
        })));
        if (core.From is { } from)
            sql.Append(" FROM ").Append(From(from));
        sql.Append(Where(core.Where));
        if (core.GroupBy.Count > 0)
            sql.Append(" GROUP BY ").Append(List(core.GroupBy));
        if (core.Having is not null)
            sql.Append(" HAVING ").Append(Print(core.Having));
        return sql.ToString();
    }

    private static string From(FromItem item) => item switch
    {
        TableReference t => Name(t.Name) + (t.Alias is null ? "" : " AS " + Name(t.Alias)),
        DerivedTable d => "(" + Select(d.Query) + ")" + (d.Alias is null ? "" : " AS " + Name(d.Alias)),
        JoinedTable j => From(j.Left) + j.Kind switch
        {
            JoinKind.Comma => ", ",
            JoinKind.Cross => " CROSS JOIN ",
            JoinKind.Left => " LEFT JOIN ",
            JoinKind.Right => " RIGHT JOIN ",
            JoinKind.Full => " FULL JOIN ",
            _ => " JOIN ",
        } + From(j.Right)
            + (j.On is null ? "" : " ON " + Print(j.On))
            + (j.Using is null ? "" : " USING (" + string.Join(", ", j.Using.Select(Name)) + ")"),
        _ => throw new ArgumentException($"No printer for {item.GetType().Name}", nameof(item)),
    };

    private static string Type(DataTypeSyntax type) => type.Kind switch
    {
        DataTypeKind.Vector => $"VECTOR({type.Dimensions})"
            + (type.ElementType == VectorElementType.Half ? " HALF" : "")
            + (type.Metric is null ? "" : " METRIC " + type.Metric.Text.ToLowerInvariant()),
        DataTypeKind.Bit => $"BIT({type.Dimensions})"
            + (type.Metric is null ? "" : " METRIC " + type.Metric.Text.ToLowerInvariant()),
        var kind => kind.ToString().ToUpperInvariant(),
    };

    private static string Column(ColumnDefinition c)
    {
        var type = Type(c.Type);
        var constraints = c.Constraints.Select(k => k.Kind switch
        {
            ColumnConstraintKind.PrimaryKey => " PRIMARY KEY",
            ColumnConstraintKind.NotNull => " NOT NULL",
            ColumnConstraintKind.Null => " NULL",
            _ => " DEFAULT " + Print(k.Value!),
        });
        return Name(c.Name) + " " + type + string.Concat(constraints);
    }

    private static string Constraint(TableConstraint c) => "PRIMARY KEY (" + string.Join(", ", c.Columns.Select(Name)) + ")";

    private static string Options(IReadOnlyList<OptionSetting> options) => options.Count == 0
        ? ""
        : " WITH (" + string.Join(", ", options.Select(o => $"{Name(o.Name)} = {Literal(o.Value)}")) + ")";

    private static string Where(Expression? where) => where is null ? "" : " WHERE " + Print(where);

    private static string Not(bool negated) => negated ? "NOT " : "";

    private static string List(IEnumerable<Expression> expressions) => string.Join(", ", expressions.Select(Print));

    private static string Name(Identifier name) => name.IsQuoted ? "\"" + name.Text.Replace("\"", "\"\"") + "\"" : name.Text;

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private static string Literal(LiteralExpression e) => e.Value switch
    {
        null => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Real(d),
        string s => Quote(s),
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        _ => throw new ArgumentException($"Unknown literal {e.Value}"),
    };

    private static string Real(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.L2Distance => "<->",
        BinaryOperator.CosineDistance => "<=>",
        BinaryOperator.NegativeInnerProduct => "<#>",
        BinaryOperator.L1Distance => "<+>",
        BinaryOperator.HammingDistance => "<~>",
        BinaryOperator.JaccardDistance => "<%>",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "||",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
