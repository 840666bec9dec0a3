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

    public SqlWriter AppendExpression(SqlExpr expression)
    {
        switch (expression)
        {
            case ColumnExpr c:
                AppendColumn(c.Column);
                break;
            case RowIdExpr:
                _sql.Append("rowid");
                break;
            case ConstantExpr k:
                AppendValue(k.Value);
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
