using System.Globalization;
using System.Text;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>Renders <see cref="SqlExpr"/> trees as SQLite SQL: catalog-id column names, and a <c>$n</c> parameter for every constant.</summary>
/// <remarks>
/// The text depends only on the shape of the expression, not on the values, so repeated
/// statements hit the prepared-statement cache. Nothing a user typed is copied into the text.
/// </remarks>
internal sealed class SqlWriter
{
    private readonly StringBuilder _sql = new();
    private readonly List<object?> _values = [];

    /// <summary>The SQL written so far.</summary>
    public string Text => _sql.ToString();

    /// <summary>Parameter values in order (<c>$0</c>, <c>$1</c>, ...).</summary>
    public object?[] Values => [.. _values];

    /// <summary>The parameters that stand for a <see cref="RowParameterExpr"/>: their index in <see cref="Values"/> and the ordinal they take from each row.</summary>
    public List<(int Parameter, int Ordinal)> RowParameters { get; } = [];

    public SqlWriter Append(string fixedSql)
    {
        _sql.Append(fixedSql);
        return this;
    }

    /// <summary>Appends a bound parameter holding <paramref name="value"/>.</summary>
    public SqlWriter AppendValue(object? value)
    {
        _sql.Append(Metadata.MetadataConnection.ParameterName(_values.Count));
        _values.Add(value is bool b ? (b ? 1L : 0L) : value);
        return this;
    }

    public SqlWriter AppendColumn(ColumnSchema column)
    {
        _sql.Append('"').Append(column.StorageName).Append('"');
        return this;
    }

    /// <summary>A column, qualified by its FROM item's number when it has one.</summary>
    public SqlWriter AppendColumn(ColumnSchema column, int? source, string? ownTable = null)
    {
        if (source is int n)
            AppendSource(n).Append(".");
        else if (ownTable is not null)
            _sql.Append(ownTable).Append('.');
        return AppendColumn(column);
    }

    /// <summary>The name of FROM item <paramref name="number"/>: <c>"s&lt;n&gt;"</c>.</summary>
    public SqlWriter AppendSource(int number)
    {
        _sql.Append("\"s").Append(number.ToString(CultureInfo.InvariantCulture)).Append('"');
        return this;
    }

    /// <summary>A whole query (see <see cref="SqlQuery"/>).</summary>
    public SqlWriter AppendQuery(SqlQuery query)
    {
        if (query.With.Count > 0)
        {
            _sql.Append("WITH ");
            for (int i = 0; i < query.With.Count; i++)
            {
                var cte = query.With[i];
                _sql.Append(i == 0 ? "" : ", ").Append("\"w").Append(cte.Number.ToString(CultureInfo.InvariantCulture)).Append("\" AS (");
                AppendQuery(cte.Query).Append(")");
            }
            _sql.Append(' ');
        }
        AppendCore(query.First);
        foreach (var part in query.Rest)
        {
            _sql.Append(part.Operator switch
            {
                SqlSetOperator.Union => " UNION ",
                SqlSetOperator.UnionAll => " UNION ALL ",
                SqlSetOperator.Intersect => " INTERSECT ",
                _ => " EXCEPT ",
            });
            AppendCore(part.Core);
        }
        AppendOrderBy(query.OrderBy);
        if (query.Limit is not null || query.Offset is not null)
        {
            _sql.Append(" LIMIT ");
            if (query.Limit is null)
                AppendValue(-1L);
            else
                AppendExpression(query.Limit);
        }
        if (query.Offset is not null)
            Append(" OFFSET ").AppendExpression(query.Offset);
        return this;
    }

    /// <summary><c> ORDER BY ...</c>, nothing for no keys.</summary>
    public SqlWriter AppendOrderBy(IReadOnlyList<OrderTerm> orderBy)
    {
        for (int i = 0; i < orderBy.Count; i++)
        {
            var term = orderBy[i];
            _sql.Append(i == 0 ? " ORDER BY " : ", ");
            AppendExpression(term.Expression).Append(term.Descending ? " DESC" : "");
            if (term.NullsLast is bool last)
                _sql.Append(last ? " NULLS LAST" : " NULLS FIRST");
        }
        return this;
    }

    private void AppendCore(SqlSelectCore core)
    {
        _sql.Append(core.Distinct ? "SELECT DISTINCT " : "SELECT ");
        for (int i = 0; i < core.Projections.Count; i++)
        {
            _sql.Append(i == 0 ? "" : ", ");
            AppendExpression(core.Projections[i]).Append(" AS \"o").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\"");
        }
        if (core.From is not null)
        {
            _sql.Append(" FROM ");
            AppendFrom(core.From);
        }
        if (core.Where is not null)
            Append(" WHERE ").AppendExpression(core.Where);
        for (int i = 0; i < core.GroupBy.Count; i++)
            Append(i == 0 ? " GROUP BY " : ", ").AppendExpression(core.GroupBy[i]);
        if (core.Having is not null)
            Append(" HAVING ").AppendExpression(core.Having);
    }

    private void AppendFrom(SqlFrom from)
    {
        switch (from)
        {
            case SqlTableFrom table:
                _sql.Append(table.Table.StorageName).Append(" AS ");
                AppendSource(table.Source);
                break;
            case SqlSubqueryFrom subquery:
                _sql.Append('(');
                AppendQuery(subquery.Query).Append(") AS ");
                AppendSource(subquery.Source);
                break;
            case SqlRankedRowsFrom ranked:
                _sql.Append("json_each(");
                AppendValue(ranked.Rows.Json).Append(") AS ");
                AppendSource(ranked.Source);
                break;
            case SqlCteFrom cte:
                _sql.Append("\"w").Append(cte.Cte.ToString(CultureInfo.InvariantCulture)).Append("\" AS ");
                AppendSource(cte.Source);
                break;
            case SqlJoin join:
                _sql.Append('(');
                AppendFrom(join.Left);
                _sql.Append(join.Kind switch
                {
                    SqlJoinKind.Left => " LEFT JOIN ",
                    SqlJoinKind.Right => " RIGHT JOIN ",
                    SqlJoinKind.Full => " FULL JOIN ",
                    SqlJoinKind.Cross => " CROSS JOIN ",
                    _ => " JOIN ",
                });
                AppendFrom(join.Right);
                if (join.On is not null)
                    Append(" ON ").AppendExpression(join.On);
                _sql.Append(')');
                break;
            default:
                throw new ArgumentException("unknown FROM item " + from.GetType().Name, nameof(from));
        }
    }

    // A vector argument: a stored vector as its column id and slot (read in place), anything else as a value.
    private void AppendVectorArgument(SqlExpr argument)
    {
        if (argument is VectorColumnExpr stored)
        {
            _sql.Append(stored.Column.ColumnId.ToString(CultureInfo.InvariantCulture)).Append(", ");
            AppendColumn(stored.Column, stored.Source, stored.OwnTable);
            return;
        }
        AppendExpression(argument);
    }

    public SqlWriter AppendExpression(SqlExpr expression)
    {
        switch (expression)
        {
            case ColumnExpr c:
                AppendColumn(c.Column, c.Source, c.OwnTable);
                break;
            case RowIdExpr r:
                if (r.Source is int n)
                    AppendSource(n).Append(".");
                else if (r.OwnTable is not null)
                    _sql.Append(r.OwnTable).Append('.');
                _sql.Append("rowid");
                break;
            case RankedRowExpr ranked:
                AppendSource(ranked.Source).Append(ranked.Position ? ".key" : ".value");
                break;
            case SourceColumnExpr o:
                AppendSource(o.Source).Append(".\"o").Append(o.Ordinal.ToString(CultureInfo.InvariantCulture)).Append("\"");
                break;
            case VectorColumnExpr stored:
                _sql.Append(Functions.VectorFunctions.SqlName(Functions.VectorFunction.Vector)).Append('(');
                AppendVectorArgument(stored);
                _sql.Append(')');
                break;
            case VectorConstantExpr vector:
                AppendValue(Functions.VectorBlob.Create(vector.Element, vector.Dimensions, vector.Data));
                break;
            case VectorCallExpr call:
                _sql.Append(Functions.VectorFunctions.SqlName(call.Function)).Append('(');
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                        _sql.Append(", ");
                    AppendVectorArgument(call.Arguments[i]);
                }
                _sql.Append(')');
                break;
            case AggregateExpr aggregate:
                _sql.Append(aggregate.Function switch
                {
                    SqlAggregate.Count => "count(",
                    SqlAggregate.Sum => "sum(",
                    SqlAggregate.Total => "total(",
                    SqlAggregate.Avg => "avg(",
                    SqlAggregate.Min => "min(",
                    SqlAggregate.Max => "max(",
                    _ => "group_concat(",
                });
                if (aggregate.Arguments.Count == 0)
                    _sql.Append('*');
                else if (aggregate.Distinct)
                    _sql.Append("DISTINCT ");
                for (int i = 0; i < aggregate.Arguments.Count; i++)
                {
                    if (i > 0)
                        _sql.Append(", ");
                    AppendExpression(aggregate.Arguments[i]);
                }
                _sql.Append(')');
                break;
            case SubqueryExpr subquery:
                _sql.Append('(');
                AppendQuery(subquery.Query).Append(")");
                break;
            case ExistsExpr exists:
                _sql.Append("(EXISTS (");
                AppendQuery(exists.Query).Append("))");
                break;
            case InQueryExpr inQuery:
                _sql.Append('(');
                AppendExpression(inQuery.Value).Append(inQuery.Negated ? " NOT IN (" : " IN (");
                AppendQuery(inQuery.Query).Append("))");
                break;
            case CastExpr cast:
                _sql.Append("CAST(");
                AppendExpression(cast.Value).Append(cast.Type switch
                {
                    SqlCastType.Integer => " AS INTEGER)",
                    SqlCastType.Real => " AS REAL)",
                    SqlCastType.Text => " AS TEXT)",
                    _ => " AS BLOB)",
                });
                break;
            case CaseExpr @case:
                _sql.Append("(CASE");
                if (@case.Operand is not null)
                    Append(" ").AppendExpression(@case.Operand);
                foreach (var (when, then) in @case.Branches)
                {
                    Append(" WHEN ").AppendExpression(when);
                    Append(" THEN ").AppendExpression(then);
                }
                if (@case.Else is not null)
                    Append(" ELSE ").AppendExpression(@case.Else);
                _sql.Append(" END)");
                break;
            case OutputPositionExpr position:
                _sql.Append(position.Position.ToString(CultureInfo.InvariantCulture));
                break;
            case ConstantExpr k:
                AppendValue(k.Value);
                break;
            case RowParameterExpr row:
                RowParameters.Add((_values.Count, row.Ordinal));
                AppendValue(null);
                break;
            case UnaryExpr u:
                _sql.Append(u.Operator switch
                {
                    SqlUnaryOperator.Not => "(NOT ",
                    SqlUnaryOperator.Negate => "(- ",
                    _ => "(+ ",
                });
                AppendExpression(u.Operand).Append(")");
                break;
            case BinaryExpr b:
                _sql.Append('(');
                AppendExpression(b.Left).Append(OperatorText(b.Operator));
                AppendExpression(b.Right).Append(")");
                break;
            case BetweenExpr between:
                _sql.Append('(');
                AppendExpression(between.Value).Append(between.Negated ? " NOT BETWEEN " : " BETWEEN ");
                AppendExpression(between.Low).Append(" AND ");
                AppendExpression(between.High).Append(")");
                break;
            case InExpr inList:
                _sql.Append('(');
                AppendExpression(inList.Value).Append(inList.Negated ? " NOT IN (" : " IN (");
                for (int i = 0; i < inList.Items.Count; i++)
                {
                    if (i > 0)
                        _sql.Append(", ");
                    AppendExpression(inList.Items[i]);
                }
                _sql.Append("))");
                break;
            case LikeExpr like:
                _sql.Append('(');
                AppendExpression(like.Value).Append(like.Negated ? " NOT LIKE " : " LIKE ");
                AppendExpression(like.Pattern);
                if (like.Escape is not null)
                    Append(" ESCAPE ").AppendExpression(like.Escape);
                _sql.Append(')');
                break;
            case IsNullExpr isNull:
                _sql.Append('(');
                AppendExpression(isNull.Value).Append(isNull.Negated ? " IS NOT NULL)" : " IS NULL)");
                break;
            case FunctionExpr f:
                _sql.Append(f.Function.Name).Append('(');
                for (int i = 0; i < f.Arguments.Count; i++)
                {
                    if (i > 0)
                        _sql.Append(", ");
                    AppendExpression(f.Arguments[i]);
                }
                _sql.Append(')');
                break;
            case CountStarExpr:
                _sql.Append("count(*)");
                break;
            case InSubqueryOfJsonIds ids:
                _sql.Append("(rowid IN (SELECT value FROM json_each(");
                AppendValue(ids.JsonIds).Append(")))");
                break;
            default:
                throw new ArgumentException("unknown expression " + expression.GetType().Name, nameof(expression));
        }
        return this;
    }

    private static string OperatorText(SqlBinaryOperator op) => op switch
    {
        SqlBinaryOperator.And => " AND ",
        SqlBinaryOperator.Or => " OR ",
        SqlBinaryOperator.Equal => " = ",
        SqlBinaryOperator.NotEqual => " <> ",
        SqlBinaryOperator.Less => " < ",
        SqlBinaryOperator.LessOrEqual => " <= ",
        SqlBinaryOperator.Greater => " > ",
        SqlBinaryOperator.GreaterOrEqual => " >= ",
        SqlBinaryOperator.Add => " + ",
        SqlBinaryOperator.Subtract => " - ",
        SqlBinaryOperator.Multiply => " * ",
        SqlBinaryOperator.Divide => " / ",
        SqlBinaryOperator.Modulo => " % ",
        SqlBinaryOperator.Concat => " || ",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
