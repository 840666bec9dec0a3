using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;
using Assignment = VecStore.Storage.Queries.Assignment;
using AssignmentSyntax = VecStore.QueryLanguage.Parsing.Syntax.Assignment;

namespace VecStore.QueryLanguage.Binding;

// INSERT, UPDATE and DELETE: VALUES rows, INSERT ... SELECT, ON CONFLICT, UPDATE ... FROM and
// computed vectors, RETURNING. Rows whose values come from a query are read by one SQLite query
// over catalog ids and applied through Session's writes, one row and one log record at a time.
internal sealed partial class Binder
{
    /// <summary>The table <c>excluded.col</c> names while an ON CONFLICT DO UPDATE is bound: the proposed row, one parameter per column; null elsewhere.</summary>
    private TableSchema? _excluded;

    /// <summary>The catalog tables some FROM of the statement reads, by id.</summary>
    private readonly HashSet<long> _tablesRead = [];

    private BoundStatement BindInsert(InsertStatement insert)
    {
        var table = FindTable(insert.Table);
        if (table is null)
            return new BoundInsert(new TableSchema(0, insert.Table.Text, []), [], insert.Span);

        // Target columns: the list as written, or every column in order.
        var targets = new List<ColumnSchema>();
        if (insert.Columns is null)
        {
            targets.AddRange(table.Columns);
        }
        else
        {
            var seen = new HashSet<long>();
            foreach (var name in insert.Columns)
            {
                var column = FindColumn(table, name);
                if (column is null)
                    continue;
                if (!seen.Add(column.ColumnId))
                    Error(ErrorCode.DuplicateColumn, name.Span, $"column '{column.Name}' is named twice");
                targets.Add(column);
            }
        }

        InsertQuery? query = null;
        var rows = new List<object?[]>(insert.Rows.Count);
        if (insert.Query is { } select)
            query = BindInsertQuery(insert, select, table, targets);
        else if (ValuesAsQuery(insert, targets) is { } computed)
            query = BindInsertQuery(insert, computed, table, targets);
        else
        {
            if (insert.With is { Count: > 0 } with)
                Error(ErrorCode.UnsupportedOperation, with[0].Name.Span, "WITH before INSERT names queries for an INSERT ... SELECT; VALUES rows are constants");
            foreach (var row in insert.Rows)
                if (BindValuesRow(row, table, targets, insert.Columns is not null) is { } values)
                    rows.Add(values);
        }
        var conflict = insert.OnConflict is { } clause ? BindConflict(clause, table) : null;
        var returning = insert.Returning is { } items ? BindReturning(items, table, null) : null;
        return new BoundInsert(table, rows, insert.Span, query, conflict, returning);
    }

    /// <summary>
    /// VALUES rows that compute a vector (<c>l2_normalize(@v)</c>, <c>[1,2] + [3,4]</c>, <c>CAST('[1,2]' AS VECTOR(2))</c>)
    /// as the SELECT without FROM they are equivalent to (<c>SELECT ... UNION ALL SELECT ...</c>), so that the vector
    /// functions compute them inside the statement as they do for INSERT ... SELECT; null when every vector is a
    /// literal, a parameter or NULL (bound here, without SQLite) or a row's count does not fit (the VALUES path reports it).
    /// </summary>
    private static SelectStatement? ValuesAsQuery(InsertStatement insert, List<ColumnSchema> targets)
    {
        bool computes = false;
        foreach (var row in insert.Rows)
        {
            if (row.Values.Count != targets.Count)
                return null;
            for (int i = 0; i < row.Values.Count; i++)
                if (targets[i].IsVector && !IsVectorConstant(row.Values[i]))
                    computes = true;
        }
        if (!computes || insert.Rows.Count == 0)
            return null;
        var cores = new List<SelectCore>(insert.Rows.Count);
        foreach (var row in insert.Rows)
        {
            var items = new List<SelectItem>(row.Values.Count);
            foreach (var value in row.Values)
                items.Add(new ExpressionSelectItem(value, null, value.Span));
            cores.Add(new SelectCore(false, items, null, null, [], null, row.Span));
        }
        var compounds = new List<CompoundSelect>(cores.Count - 1);
        for (int i = 1; i < cores.Count; i++)
            compounds.Add(new CompoundSelect(SetOperator.UnionAll, cores[i], cores[i].Span, cores[i].Span));
        var span = insert.Rows[0].Span;
        return new SelectStatement(insert.With ?? [], cores[0], compounds, [], null, null, [], span);
    }

    /// <summary>One VALUES row as a value for every column (defaults for the columns not named), or null after an error.</summary>
    private object?[]? BindValuesRow(ValuesRow row, TableSchema table, List<ColumnSchema> targets, bool listed)
    {
        if (row.Values.Count != targets.Count && (listed || row.Values.Count > targets.Count))
        {
            Error(ErrorCode.ValueCountMismatch, row.Span,
                $"{row.Values.Count} values for {targets.Count} columns" + (!listed ? $" (table '{table.Name}' has {targets.Count})" : ""));
            return null;
        }
        var values = new object?[table.Columns.Count];
        var given = new bool[table.Columns.Count];
        for (int i = 0; i < row.Values.Count && i < targets.Count; i++)
        {
            var column = targets[i];
            values[column.Ordinal] = BindColumnValue(column, row.Values[i]);
            given[column.Ordinal] = true;
        }
        foreach (var column in table.Columns)
        {
            if (!given[column.Ordinal])
                values[column.Ordinal] = column.DefaultValue;
            bool autoKey = table.KeyIsRowId && column.IsPrimaryKey;
            if (values[column.Ordinal] is null && column.NotNull && !autoKey)
                Error(ErrorCode.NotNullViolation, row.Span, $"column '{column.Name}' of table '{table.Name}' cannot be NULL");
        }
        return values;
    }

    /// <summary>INSERT ... SELECT: the query as any relational SELECT, its outputs checked against the target columns (dimensions and element types where known now; the rest as rows are read).</summary>
    private InsertQuery BindInsertQuery(InsertStatement insert, SelectStatement select, TableSchema table, List<ColumnSchema> targets)
    {
        // WITH before INSERT: the same common table expressions, visible to the SELECT.
        if (insert.With is { Count: > 0 } with)
            select = select with { With = [.. with, .. select.With] };
        var bound = BindQuery(select, null, NoCtes, topLevel: true);

        bool hasStar = false;
        foreach (var item in select.Core.Items)
            hasStar |= item is StarSelectItem;
        if (bound.Columns.Count != targets.Count)
            Error(ErrorCode.ValueCountMismatch, select.Core.Span,
                $"the SELECT returns {bound.Columns.Count} columns for {targets.Count} " + (insert.Columns is null ? $"(table '{table.Name}' has {targets.Count})" : "named columns"));

        var locations = new SourceLocation?[targets.Count];
        for (int i = 0; i < Math.Min(targets.Count, bound.Columns.Count); i++)
        {
            var span = hasStar ? select.Core.Span : select.Core.Items[i].Span;
            locations[i] = _source.GetLocation(span);
            var column = targets[i];
            var output = bound.Columns[i];
            if (column.IsVector)
                CheckVectorAssignable(column, output.Kind, output.Vector, span);
            else if (output.Kind == ValueKind.Vector)
                Error(ErrorCode.TypeMismatch, span, $"column '{column.Name}' is {column.TypeText} and this value is a vector");
            else
                CheckAssignable(column, output.Kind, span);
        }

        var template = new object?[table.Columns.Count];
        foreach (var column in table.Columns)
            template[column.Ordinal] = column.DefaultValue;
        foreach (var column in targets)
            template[column.Ordinal] = null;
        return new InsertQuery(bound.Query, bound.Decodings, targets, template, locations, _tablesRead.Contains(table.TableId));
    }

    /// <summary>A vector value of <paramref name="kind"/> and <paramref name="type"/> may go into <paramref name="column"/>: same element type, and the same dimensions when they are known now.</summary>
    private void CheckVectorAssignable(ColumnSchema column, ValueKind kind, VectorType? type, SourceSpan span)
    {
        if (kind is ValueKind.Null or ValueKind.Unknown)
            return;
        if (kind != ValueKind.Vector)
        {
            Error(ErrorCode.TypeMismatch, span, $"column '{column.Name}' is {column.TypeText} and this value is {ValueKinds.SqlName(kind)}");
            return;
        }
        if (type is not { } vector)
            return;
        if (vector.Element != column.Element)
            Error(ErrorCode.TypeMismatch, span, $"column '{column.Name}' is {column.TypeText} and this value is {vector}; CAST it to {VectorFunctionsTypeText(column)}");
        else if (vector.Dimensions > 0 && vector.Dimensions != column.Dimensions)
            Error(ErrorCode.DimensionMismatch, span, $"column '{column.Name}' is {column.TypeText} and this value is {vector}");
    }

    private static string VectorFunctionsTypeText(ColumnSchema column) => Storage.Functions.VectorFunctions.TypeText(column.Element, column.Dimensions);

    /// <summary>ON CONFLICT: the target must be the primary key; DO UPDATE's SET and WHERE see the existing row (the table's name) and the proposed one (<c>excluded</c>).</summary>
    private ConflictAction BindConflict(UpsertClause clause, TableSchema table)
    {
        var location = _source.GetLocation(clause.Span);
        if (table.PrimaryKey.Count == 0)
        {
            Error(ErrorCode.ConflictTarget, clause.Span, $"table '{table.Name}' has no primary key, so no row can conflict; ON CONFLICT looks rows up by the primary key");
            return new ConflictAction([], null, location);
        }
        if (clause.Target is { } target)
        {
            var named = new HashSet<long>();
            foreach (var name in target)
            {
                var column = FindColumn(table, name);
                if (column is null)
                    continue;
                if (!column.IsPrimaryKey)
                    Error(ErrorCode.ConflictTarget, name.Span, $"ON CONFLICT names the primary key ({KeyNames(table)}); '{column.Name}' is not part of it");
                named.Add(column.ColumnId);
            }
            foreach (var key in table.PrimaryKey)
                if (!named.Contains(key.ColumnId))
                    Error(ErrorCode.ConflictTarget, target.Count > 0 ? target[0].Span.Cover(target[^1].Span) : clause.Span,
                        $"ON CONFLICT names the whole primary key ({KeyNames(table)}); '{key.Name}' is missing");
        }
        if (clause.DoNothing)
            return new ConflictAction(table.PrimaryKey, null, location);

        var scope = new Scope(null);
        int number = _nextSource++;
        _sourceNames[number] = table.Name;
        scope.Add(new ScopeSource(table.Name, number, table, null));
        _excluded = table;
        try
        {
            var (columns, values, locations) = BindAssignments(clause.Assignments, table, scope);
            SqlExpr where = new BinaryExpr(SqlBinaryOperator.Equal, new RowIdExpr { Source = number }, new RowParameterExpr(RowParameterExpr.TargetRowId));
            if (clause.Where is { } condition)
                where = new BinaryExpr(SqlBinaryOperator.And, where, BindPredicate(condition, scope));
            var query = new SqlQuery([], new SqlSelectCore(false, [], new SqlTableFrom(table, number), where, [], null), [], [], null, null);
            return new ConflictAction(table.PrimaryKey, new RowUpdate(query, number, columns, values, locations), location);
        }
        finally
        {
            _excluded = null;
        }
    }

    private static string KeyNames(TableSchema table) => string.Join(", ", table.PrimaryKey.Select(c => c.Name));

    /// <summary><c>excluded.col</c> inside ON CONFLICT DO UPDATE: the proposed row's value, a parameter set for each row; null when the reference is something else.</summary>
    private Typed? ResolveExcluded(ColumnReference reference, Scope scope)
    {
        if (_excluded is not { } table || reference.Qualifier is not { } qualifier || !string.Equals(qualifier.Text, "excluded", StringComparison.OrdinalIgnoreCase))
            return null;
        for (var s = scope; s is not null; s = s.Parent)
            if (s.FindSource(qualifier.Text) is not null)
                return null;
        var column = FindColumn(table, reference.Name);
        if (column is null)
            return new Typed(Placeholder, ValueKind.Unknown);
        var value = new RowParameterExpr(column.Ordinal);
        return column.IsVector
            ? new Typed(value, ValueKind.Vector, new VectorType(column.Element, column.Dimensions))
            : new Typed(value, ValueKinds.Of(column.Type));
    }

    /// <summary>SET assignments whose values SQLite computes per row (from the target row, FROM items, the proposed row): each column once, each value of the column's type.</summary>
    private (List<ColumnSchema> Columns, List<SqlExpr> Values, List<SourceLocation?> Locations) BindAssignments(IReadOnlyList<AssignmentSyntax> assignments, TableSchema table, Scope scope)
    {
        var columns = new List<ColumnSchema>();
        var values = new List<SqlExpr>();
        var locations = new List<SourceLocation?>();
        var seen = new HashSet<long>();
        foreach (var a in assignments)
        {
            var column = FindColumn(table, a.Column);
            if (column is null)
                continue;
            if (!seen.Add(column.ColumnId))
                Error(ErrorCode.DuplicateColumn, a.Column.Span, $"column '{column.Name}' is assigned twice");
            CheckKeyAssignment(table, column, a.Column.Span);
            Typed value;
            if (column.IsVector)
            {
                value = BindVectorOperand(a.Value, scope, new VectorType(column.Element, column.Dimensions), $"column '{column.Name}'") ?? new Typed(Placeholder, ValueKind.Unknown);
                CheckVectorAssignable(column, value.Kind, value.Vector, a.Value.Span);
            }
            else
            {
                value = BindScalar(a.Value, scope);
                if (value.Kind == ValueKind.Vector)
                    Error(ErrorCode.TypeMismatch, a.Value.Span, $"column '{column.Name}' is {column.TypeText} and this value is a vector");
                else
                    CheckAssignable(column, value.Kind, a.Value.Span);
            }
            if (value.Kind == ValueKind.Null && column.NotNull)
                Error(ErrorCode.NotNullViolation, a.Value.Span, $"column '{column.Name}' of table '{table.Name}' cannot be NULL");
            columns.Add(column);
            values.Add(value.Expr);
            locations.Add(_source.GetLocation(a.Value.Span));
        }
        return (columns, values, locations);
    }

    /// <summary>Each stored vector names the row id it belongs to (in its slot, the log and the ANN indexes); a new id would leave them pointing at a row that no longer exists.</summary>
    private void CheckKeyAssignment(TableSchema table, ColumnSchema column, SourceSpan span)
    {
        if (column.IsPrimaryKey && table.KeyIsRowId && table.VectorColumns.Count > 0)
            Error(ErrorCode.UnsupportedOperation, span, $"column '{column.Name}' is the row id of a table with vector columns and cannot be updated; DELETE the row and INSERT it with the new key");
    }

    private BoundStatement BindUpdate(UpdateStatement update)
    {
        var table = FindTable(update.Table);
        if (table is null)
            return new BoundUpdate(new TableSchema(0, update.Table.Text, []), [], null, [], update.Span);
        bool computed = update.From is not null || update.Returning is not null;
        foreach (var a in update.Assignments)
            computed |= table.FindColumn(a.Column.Text) is { IsVector: true } && !IsVectorConstant(a.Value);
        if (computed)
            return BindComputedUpdate(update, table);

        var assignments = new List<Assignment>();
        var seen = new HashSet<long>();
        foreach (var a in update.Assignments)
        {
            var column = FindColumn(table, a.Column);
            if (column is null)
                continue;
            if (!seen.Add(column.ColumnId))
                Error(ErrorCode.DuplicateColumn, a.Column.Span, $"column '{column.Name}' is assigned twice");
            CheckKeyAssignment(table, column, a.Column.Span);
            SqlExpr value;
            if (column.IsVector || IsConstant(a.Value))
            {
                object? constant = BindColumnValue(column, a.Value);
                if (constant is null && column.NotNull)
                    Error(ErrorCode.NotNullViolation, a.Value.Span, $"column '{column.Name}' of table '{table.Name}' cannot be NULL");
                value = new ConstantExpr(constant);
            }
            else
            {
                var (expr, kind) = BindScalar(a.Value, Scope.Single(table, update.Alias?.Text));
                CheckAssignable(column, kind, a.Value.Span);
                value = expr;
            }
            assignments.Add(new Assignment(column, value));
        }
        var (where, ranges) = BindWhere(update.Where, Scope.Single(table, update.Alias?.Text));
        return new BoundUpdate(table, assignments, where, ranges, update.Span);
    }

    /// <summary>A vector value the binder reads now: a literal, a parameter, NULL.</summary>
    private static bool IsVectorConstant(Expression expression) => expression is VectorLiteralExpression || IsConstant(expression);

    /// <summary>UPDATE ... FROM, a vector computed from stored vectors, or RETURNING: one query over the target (and the FROM items) gives each row's new values.</summary>
    private BoundUpdate BindComputedUpdate(UpdateStatement update, TableSchema table)
    {
        var scope = new Scope(null);
        int number = _nextSource++;
        string name = update.Alias?.Text ?? table.Name;
        _sourceNames[number] = name;
        scope.Add(new ScopeSource(name, number, table, null, update.Alias is not null ? table.Name : null));
        SqlFrom from = new SqlTableFrom(table, number);
        if (update.From is { } others)
            from = new SqlJoin(from, SqlJoinKind.Inner, BindFrom(others, scope, null, NoCtes), null);
        var (columns, values, locations) = BindAssignments(update.Assignments, table, scope);
        var where = update.Where is null ? null : BindPredicate(update.Where, scope);
        var query = new SqlQuery([], new SqlSelectCore(false, [], from, where, [], null), [], [], null, null);
        var returning = update.Returning is { } items ? BindReturning(items, table, update.Alias?.Text) : null;
        return new BoundUpdate(table, [], null, [], update.Span, new RowUpdate(query, number, columns, values, locations), returning);
    }

    private BoundStatement BindDelete(DeleteStatement delete)
    {
        var table = FindTable(delete.Table);
        if (table is null)
            return new BoundDelete(new TableSchema(0, delete.Table.Text, []), null, [], delete.Span);
        var (where, ranges) = BindWhere(delete.Where, Scope.Single(table, null));
        var returning = delete.Returning is { } items ? BindReturning(items, table, null) : null;
        return new BoundDelete(table, where, ranges, delete.Span, returning);
    }

    /// <summary>RETURNING: a select list over the target table alone (its columns, *, expressions, vectors and distances), read by row id after the write (before it, for DELETE).</summary>
    private BoundReturning BindReturning(IReadOnlyList<SelectItem> items, TableSchema table, string? alias)
    {
        var scope = Scope.Single(table, alias);
        var columns = new List<OutputColumn>();
        var projections = new List<SqlExpr>();
        foreach (var item in items)
        {
            switch (item)
            {
                case StarSelectItem star:
                    if (star.Qualifier is { } q && !scope.Sources[0].Answers(q.Text))
                        Error(ErrorCode.UnknownTable, q.Span, $"'{q.Text}' is not the table of this statement ('{alias ?? table.Name}'); RETURNING shows the rows written");
                    foreach (var column in table.Columns)
                    {
                        columns.Add(ColumnOutput(column, column.Name, table));
                        projections.Add(new ColumnExpr(column));
                    }
                    break;
                case ExpressionSelectItem e:
                {
                    string name = e.Alias?.Text ?? (e.Expression is ColumnReference r ? r.Name.Text : Text(e.Expression.Span));
                    var typed = BindScalar(e.Expression, scope);
                    var expr = typed.Expr is VectorColumnExpr stored ? stored.Slot : typed.Expr;
                    projections.Add(expr);
                    columns.Add(typed.Kind == ValueKind.Vector
                        ? new OutputColumn(name, VectorValues.ValueType(typed.Vector?.Element ?? Indexes.VectorElement.Float32), typed.Vector?.ToString() ?? "VECTOR", expr, null, expr is ColumnExpr ? table : null)
                        : new OutputColumn(name, ValueKinds.ClrType(typed.Kind), ValueKinds.SqlName(typed.Kind), expr, null, expr is ColumnExpr ? table : null));
                    break;
                }
            }
        }
        return new BoundReturning(columns, projections);
    }
}
