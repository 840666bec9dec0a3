using VecStore.Indexes;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// SELECT of the relational shape (joins, derived tables, common table expressions, set operations,
// DISTINCT, grouping, subqueries): bound into one SqlQuery that SQLite runs whole. Every FROM item
// gets a number (s<n>) and every common table expression one (w<n>); user names stay in the scopes.
internal sealed partial class Binder
{
    private int _nextSource;
    private int _nextCte;
    private readonly Dictionary<int, string> _sourceNames = [];

    /// <summary>Each distance call as the user wrote it, for EXPLAIN of the vector searches the planner makes of them.</summary>
    private readonly Dictionary<SqlExpr, string> _distanceTexts = new(ReferenceEqualityComparer.Instance);

    private static readonly IReadOnlyDictionary<string, BoundCte> NoCtes = new Dictionary<string, BoundCte>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A bound SELECT: the query SQLite runs, its output columns as a derived table sees them, and as a reader sees them.</summary>
    private sealed record BoundSql(SqlQuery Query, IReadOnlyList<SourceColumn> Columns, IReadOnlyList<OutputColumn> Outputs, IReadOnlyList<ValueDecoding> Decodings);

    /// <summary>One select core bound, with its ORDER BY when it is the whole SELECT's.</summary>
    private sealed record BoundCore(SqlSelectCore Core, List<SourceColumn> Columns, List<OutputColumn> Outputs, List<ValueDecoding> Decodings, List<OrderTerm> OrderBy);

    /// <summary>A SELECT of the relational shape as a statement.</summary>
    private BoundQuery BindRelationalSelect(SelectStatement select)
    {
        var bound = BindQuery(select, null, NoCtes, topLevel: true);
        return new BoundQuery(bound.Query, bound.Outputs, bound.Decodings, new Dictionary<int, string>(_sourceNames), select.Span) { DistanceTexts = _distanceTexts, SearchDefaults = search => WithSessionSettings(search, breadthGiven: false, strategyGiven: false) };
    }

    /// <summary>A subquery (in an expression) of the SELECT whose scope is <paramref name="scope"/>; <paramref name="oneColumn"/> names the place when it must return one column.</summary>
    private BoundSql BindSubquery(SelectStatement query, Scope scope, string? oneColumn)
    {
        var saved = _aggregates;
        try
        {
            var bound = BindQuery(query, scope, scope.Ctes, topLevel: false);
            if (oneColumn is not null && bound.Columns.Count != 1)
                Error(ErrorCode.ValueCountMismatch, query.Core.Span, $"{oneColumn} returns one column, and this SELECT returns {bound.Columns.Count}");
            return bound;
        }
        finally
        {
            _aggregates = saved;
        }
    }

    private BoundSql BindQuery(SelectStatement select, Scope? parent, IReadOnlyDictionary<string, BoundCte> visible, bool topLevel)
    {
        var ctes = new Dictionary<string, BoundCte>(visible, StringComparer.OrdinalIgnoreCase);
        var sqlCtes = new List<SqlCte>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cte in select.With)
        {
            if (!names.Add(cte.Name.Text))
                Error(ErrorCode.AmbiguousName, cte.Name.Span, $"'{cte.Name.Text}' is defined twice in this WITH clause");
            var inner = BindQuery(cte.Query, parent, ctes, topLevel: false);
            var columns = new List<SourceColumn>(inner.Columns);
            if (cte.Columns is { } renamed)
            {
                if (renamed.Count != columns.Count)
                    Error(ErrorCode.ValueCountMismatch, cte.Name.Span, $"'{cte.Name.Text}' names {renamed.Count} columns, and its SELECT returns {columns.Count}");
                for (int i = 0; i < Math.Min(renamed.Count, columns.Count); i++)
                    columns[i] = columns[i] with { Name = renamed[i].Text };
            }
            int number = _nextCte++;
            ctes[cte.Name.Text] = new BoundCte(cte.Name.Text, number, columns);
            sqlCtes.Add(new SqlCte(number, inner.Query));
        }

        bool compound = select.Compounds.Count > 0;
        var first = BindCore(select.Core, parent, ctes, compound ? null : select.OrderBy, plainOutput: topLevel && !compound);
        var rest = new List<SqlCompoundPart>();
        foreach (var part in select.Compounds)
        {
            var core = BindCore(part.Core, parent, ctes, null, plainOutput: false);
            if (core.Columns.Count != first.Columns.Count)
            {
                Error(ErrorCode.ValueCountMismatch, part.Core.Span, $"{OperatorText(part.Operator)} combines SELECTs of one width, and this one returns {core.Columns.Count} columns where the first returns {first.Columns.Count}");
            }
            else
            {
                for (int i = 0; i < core.Columns.Count; i++)
                    if ((core.Columns[i].Kind == ValueKind.Vector) != (first.Columns[i].Kind == ValueKind.Vector)
                        && core.Columns[i].Kind is not (ValueKind.Null or ValueKind.Unknown) && first.Columns[i].Kind is not (ValueKind.Null or ValueKind.Unknown))
                        Error(ErrorCode.TypeMismatch, part.Core.Items[Math.Min(i, part.Core.Items.Count - 1)].Span, $"column {i + 1} is a vector in one SELECT of the {OperatorText(part.Operator)} and not in the other");
            }
            rest.Add(new SqlCompoundPart(part.Operator switch
            {
                SetOperator.UnionAll => SqlSetOperator.UnionAll,
                SetOperator.Intersect => SqlSetOperator.Intersect,
                SetOperator.Except => SqlSetOperator.Except,
                _ => SqlSetOperator.Union,
            }, core.Core));
        }

        var orderBy = compound ? BindCompoundOrderBy(select.OrderBy, first) : first.OrderBy;
        SqlExpr? limit = select.Limit is null ? null : BindCount(select.Limit, "LIMIT") is long l ? new ConstantExpr(l) : Placeholder;
        SqlExpr? offset = select.Offset is null ? null : BindCount(select.Offset, "OFFSET") is long o ? new ConstantExpr(o) : Placeholder;
        if (select.Options.Count > 0)
            Error(ErrorCode.UnsupportedOperation, select.Options[0].Name.Span,
                "search options (WITH (...)) tune a nearest-neighbour search of one table; a search inside a SELECT that joins, groups or nests takes the strategy the cost model chooses and the index's default breadth");
        var query = new SqlQuery(sqlCtes, first.Core, rest, orderBy, limit, offset);
        return new BoundSql(query, first.Columns, first.Outputs, first.Decodings);
    }

    private static string OperatorText(SetOperator op) => op switch
    {
        SetOperator.UnionAll => "UNION ALL",
        SetOperator.Intersect => "INTERSECT",
        SetOperator.Except => "EXCEPT",
        _ => "UNION",
    };

    /// <param name="orderBy">The SELECT's ORDER BY when this core is the whole SELECT (it may then name the core's columns), else null.</param>
    /// <param name="plainOutput">True for the outermost core of a statement that is not compound: a bare vector column is then read back by slot, without a copy through SQLite.</param>
    private BoundCore BindCore(SelectCore core, Scope? parent, IReadOnlyDictionary<string, BoundCte> ctes, IReadOnlyList<OrderByItem>? orderBy, bool plainOutput)
    {
        var scope = new Scope(parent, ctes);
        var saved = _aggregates;
        var state = new AggregateState();
        _aggregates = state;
        try
        {
            state.Forbidden = "FROM";
            SqlFrom? from = core.From is null ? null : BindFrom(core.From, scope, parent, ctes);

            state.Forbidden = "WHERE";
            var where = core.Where is null ? null : BindPredicate(core.Where, scope);

            state.Forbidden = null;
            var projections = new List<Typed>();
            var names = new List<string>();
            var origins = new List<(TableSchema? Table, ColumnSchema? Column)>();
            foreach (var item in core.Items)
                BindItem(item, scope, projections, names, origins);

            state.Forbidden = "GROUP BY";
            var groupBy = new List<SqlExpr>();
            foreach (var key in core.GroupBy)
                groupBy.Add(BindGroupKey(key, scope, projections, names));

            state.Forbidden = null;
            var having = core.Having is null ? null : BindPredicate(core.Having, scope);
            var orderTerms = new List<OrderTerm>();
            if (orderBy is not null)
                foreach (var item in orderBy)
                    if (BindOrderKey(item, scope, projections, names) is { } term)
                        orderTerms.Add(term);

            bool grouped = state.Found || groupBy.Count > 0;
            if (core.Having is not null && !grouped)
                Error(ErrorCode.AggregateMisuse, core.Having.Span, "HAVING filters groups: add GROUP BY, or an aggregate");
            var columns = new List<SourceColumn>(projections.Count);
            var outputs = new List<OutputColumn>(projections.Count);
            var decodings = new List<ValueDecoding>(projections.Count);
            var exprs = new List<SqlExpr>(projections.Count);
            for (int i = 0; i < projections.Count; i++)
            {
                var (expr, kind) = projections[i];
                var vector = projections[i].Vector;
                var (table, column) = origins[i];
                ValueDecoding decoding;
                if (kind == ValueKind.Vector && expr is VectorColumnExpr stored && plainOutput && !core.Distinct && !grouped)
                {
                    // The statement's own output: read the vector by its slot through the statement's view.
                    expr = stored.Slot;
                    decoding = new ValueDecoding(ValueDecodingKind.VectorSlot, stored.Column);
                }
                else
                {
                    decoding = kind switch
                    {
                        ValueKind.Vector => new ValueDecoding(ValueDecodingKind.VectorValue),
                        ValueKind.Boolean => new ValueDecoding(ValueDecodingKind.Boolean),
                        _ => ValueDecoding.AsStored,
                    };
                }
                exprs.Add(expr);
                decodings.Add(decoding);
                columns.Add(new SourceColumn(names[i], kind, vector, column, IsDistanceIn(projections[i].Expr, scope)));
                outputs.Add(Output(names[i], kind, vector, expr, table, column));
            }
            var sqlCore = new SqlSelectCore(core.Distinct, exprs, from, where, groupBy, having);
            return new BoundCore(sqlCore, columns, outputs, decodings, orderTerms);
        }
        finally
        {
            _aggregates = saved;
        }
    }

    private static OutputColumn Output(string name, ValueKind kind, VectorType? vector, SqlExpr expr, TableSchema? table, ColumnSchema? column)
    {
        if (kind == ValueKind.Vector)
        {
            var element = vector?.Element ?? VectorElement.Float32;
            return new OutputColumn(name, VectorValues.ValueType(element), column?.TypeText ?? vector?.ToString() ?? "VECTOR", expr, null, expr is ColumnExpr ? table : null);
        }
        return new OutputColumn(name, ValueKinds.ClrType(kind), column?.TypeText ?? ValueKinds.SqlName(kind), expr, null, expr is ColumnExpr ? table : null);
    }

    private void BindItem(SelectItem item, Scope scope, List<Typed> projections, List<string> names, List<(TableSchema?, ColumnSchema?)> origins)
    {
        switch (item)
        {
            case StarSelectItem star:
            {
                if (scope.Sources.Count == 0)
                {
                    Error(ErrorCode.UnknownTable, star.Span, "* needs a FROM clause");
                    return;
                }
                if (star.Qualifier is { } qualifier)
                {
                    var source = scope.FindSource(qualifier.Text);
                    if (source is null)
                    {
                        Error(ErrorCode.UnknownTable, qualifier.Span, $"no table or alias named '{qualifier.Text}' in this FROM clause");
                        return;
                    }
                    AddSourceColumns(source, scope, projections, names, origins, skipMerged: false);
                    return;
                }
                foreach (var source in scope.Sources)
                    AddSourceColumns(source, scope, projections, names, origins, skipMerged: true);
                return;
            }
            case ExpressionSelectItem e:
            {
                var typed = BindScalar(e.Expression, scope);
                projections.Add(typed);
                names.Add(e.Alias?.Text ?? (e.Expression is ColumnReference r ? r.Name.Text : Text(e.Expression.Span)));
                origins.Add(OriginOf(typed.Expr, scope));
                return;
            }
        }
    }

    private static void AddSourceColumns(ScopeSource source, Scope scope, List<Typed> projections, List<string> names, List<(TableSchema?, ColumnSchema?)> origins, bool skipMerged)
    {
        if (source.Table is { } table)
        {
            foreach (var column in table.Columns)
            {
                if (skipMerged && scope.IsMergedAway(source, column.Name))
                    continue;
                var typed = scope.Merged(column.Name) is { } merged && skipMerged && ReferenceEquals(merged.Left, source)
                    ? MergedColumnOf(merged, column.Name, outer: false)
                    : ColumnOf(source, column.Name, outer: false);
                projections.Add(typed);
                names.Add(column.Name);
                origins.Add((table, column));
            }
            return;
        }
        for (int i = 0; i < source.Columns!.Count; i++)
        {
            var output = source.Columns[i];
            if (skipMerged && scope.IsMergedAway(source, output.Name))
                continue;
            projections.Add(new Typed(new SourceColumnExpr(source.Number!.Value, i), output.Kind, output.Vector));
            names.Add(output.Name);
            origins.Add((null, output.Origin));
        }
    }

    /// <summary>The catalog table and column an output shows unchanged, for the reader's schema.</summary>
    private static (TableSchema?, ColumnSchema?) OriginOf(SqlExpr expr, Scope scope)
    {
        var (column, source) = expr switch
        {
            ColumnExpr c => (c.Column, c.Source),
            VectorColumnExpr v => (v.Column, v.Source),
            SourceColumnExpr o => (null, o.Source),
            _ => (null, (int?)null),
        };
        if (source is null)
            return (null, null);
        foreach (var s in scope.Sources)
        {
            if (s.Number != source)
                continue;
            if (expr is SourceColumnExpr output)
                return (null, s.Columns![output.Ordinal].Origin);
            return (s.Table, column);
        }
        return (null, column);
    }

    /// <summary>A GROUP BY key: a position of the select list, a column, or (as in SQLite) an output alias that is no column.</summary>
    private SqlExpr BindGroupKey(Expression key, Scope scope, List<Typed> projections, List<string> names)
    {
        if (key is LiteralExpression { Kind: LiteralKind.Integer, Value: long position })
        {
            if (position < 1 || position > projections.Count)
            {
                Error(ErrorCode.UnknownColumn, key.Span, $"GROUP BY {position} is out of range: the select list has {projections.Count} columns");
                return Placeholder;
            }
            return projections[(int)position - 1].Expr;
        }
        if (key is ColumnReference { Qualifier: null } reference && !NamesColumn(scope, reference.Name.Text))
        {
            int index = names.FindIndex(n => string.Equals(n, reference.Name.Text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                if (ContainsAggregateExpr(projections[index].Expr))
                    Error(ErrorCode.AggregateMisuse, key.Span, $"'{reference.Name.Text}' is an aggregate, which cannot be a GROUP BY key");
                return projections[index].Expr;
            }
        }
        return BindScalar(key, scope).Expr;
    }

    /// <summary>True when some source of the scope, or one around it, has a column of this name.</summary>
    private static bool NamesColumn(Scope scope, string name)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Merged(name) is not null)
                return true;
            foreach (var source in s.Sources)
                if (source.HasColumn(name))
                    return true;
        }
        return false;
    }

    private static bool ContainsAggregateExpr(SqlExpr expr) => expr is AggregateExpr or VectorCallExpr { IsAggregate: true };

    /// <summary>An ORDER BY key of a plain SELECT: an output position or alias (an alias wins over a column, as in SQLite), or any expression of the core's scope.</summary>
    private OrderTerm? BindOrderKey(OrderByItem item, Scope scope, List<Typed> projections, List<string> names)
    {
        bool descending = item.Direction == SortDirection.Descending;
        Typed key;
        SqlExpr rendered;
        if (item.Expression is LiteralExpression { Kind: LiteralKind.Integer, Value: long position })
        {
            if (position < 1 || position > projections.Count)
            {
                Error(ErrorCode.UnknownColumn, item.Expression.Span, $"ORDER BY {position} is out of range: the query has {projections.Count} columns");
                return null;
            }
            key = projections[(int)position - 1];
            rendered = new OutputPositionExpr((int)position);
        }
        else if (item.Expression is ColumnReference { Qualifier: null } reference
                 && names.FindIndex(n => string.Equals(n, reference.Name.Text, StringComparison.OrdinalIgnoreCase)) is var index and >= 0)
        {
            key = projections[index];
            rendered = new OutputPositionExpr(index + 1);
        }
        else
        {
            key = BindScalar(item.Expression, scope);
            rendered = key.Expr;
        }
        if (key.Kind == ValueKind.Vector)
        {
            Error(ErrorCode.TypeMismatch, item.Expression.Span, "cannot order by a vector; order by its distance to a query vector");
            return null;
        }
        return new OrderTerm(rendered, descending) { NullsLast = IsDistanceIn(key.Expr, scope) ? !descending : null };
    }

    /// <summary>ORDER BY of a compound SELECT: it names output columns, by position, alias or as written in the first SELECT.</summary>
    private List<OrderTerm> BindCompoundOrderBy(IReadOnlyList<OrderByItem> orderBy, BoundCore first)
    {
        var terms = new List<OrderTerm>();
        foreach (var item in orderBy)
        {
            bool descending = item.Direction == SortDirection.Descending;
            int position = -1;
            if (item.Expression is LiteralExpression { Kind: LiteralKind.Integer, Value: long p })
                position = p >= 1 && p <= first.Columns.Count ? (int)p : 0;
            else
            {
                string text = item.Expression is ColumnReference { Qualifier: null } r ? r.Name.Text : Text(item.Expression.Span);
                int index = first.Columns.FindIndex(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
                position = index + 1;
            }
            if (position <= 0)
            {
                Error(ErrorCode.UnknownColumn, item.Expression.Span, "ORDER BY of a UNION, INTERSECT or EXCEPT names one of its output columns, by name or position");
                continue;
            }
            if (first.Columns[position - 1].Kind == ValueKind.Vector)
            {
                Error(ErrorCode.TypeMismatch, item.Expression.Span, "cannot order by a vector; order by its distance to a query vector");
                continue;
            }
            terms.Add(new OrderTerm(new OutputPositionExpr(position), descending)
            {
                NullsLast = first.Columns[position - 1].IsDistance ? !descending : null,
            });
        }
        return terms;
    }

    /// <summary>True for a distance, or a column of a derived table or common table expression that holds one.</summary>
    private static bool IsDistanceIn(SqlExpr expr, Scope scope)
    {
        if (expr is not SourceColumnExpr output)
            return IsDistanceExpr(expr);
        foreach (var source in scope.Sources)
            if (source.Number == output.Source)
                return source.Columns![output.Ordinal].IsDistance;
        return false;
    }

    /// <summary>True for a distance computed by one of VecStore's SQL functions, or the min or max of one: its NULLs sort last, as pgvector's do.</summary>
    internal static bool IsDistanceExpr(SqlExpr expr) => expr is AggregateExpr { Function: SqlAggregate.Min or SqlAggregate.Max, Arguments: [var inner] }
        ? IsDistanceExpr(inner)
        : expr is VectorCallExpr
    {
        Function: Storage.Functions.VectorFunction.L2Distance or Storage.Functions.VectorFunction.CosineDistance
            or Storage.Functions.VectorFunction.InnerProduct or Storage.Functions.VectorFunction.NegativeInnerProduct
            or Storage.Functions.VectorFunction.L1Distance or Storage.Functions.VectorFunction.HammingDistance
            or Storage.Functions.VectorFunction.JaccardDistance,
    };

    /// <summary>A FROM item: its sources join <paramref name="scope"/>; a derived table sees the scopes around the SELECT (<paramref name="outer"/>), not its siblings.</summary>
    private SqlFrom BindFrom(FromItem item, Scope scope, Scope? outer, IReadOnlyDictionary<string, BoundCte> ctes)
    {
        switch (item)
        {
            case TableReference reference:
            {
                string name = reference.Alias?.Text ?? reference.Name.Text;
                CheckSourceName(scope, name, reference.Alias?.Span ?? reference.Name.Span);
                int number = _nextSource++;
                _sourceNames[number] = name;
                if (ctes.TryGetValue(reference.Name.Text, out var cte))
                {
                    scope.Add(new ScopeSource(name, number, null, cte.Columns));
                    return new SqlCteFrom(cte.Number, number);
                }
                var table = FindTable(reference.Name);
                if (table is null)
                {
                    scope.Add(new ScopeSource(name, number, null, []));
                    return new SqlSubqueryFrom(EmptyQuery, number);
                }
                scope.Add(new ScopeSource(name, number, table, null));
                _tablesRead.Add(table.TableId);
                return new SqlTableFrom(table, number);
            }
            case DerivedTable derived:
            {
                var saved = _aggregates;
                BoundSql inner;
                try
                {
                    inner = BindQuery(derived.Query, outer, ctes, topLevel: false);
                }
                finally
                {
                    _aggregates = saved;
                }
                string name = derived.Alias?.Text ?? "";
                if (derived.Alias is { } alias)
                    CheckSourceName(scope, alias.Text, alias.Span);
                int number = _nextSource++;
                _sourceNames[number] = name.Length > 0 ? name : "(subquery)";
                scope.Add(new ScopeSource(name, number, null, inner.Columns));
                return new SqlSubqueryFrom(inner.Query, number);
            }
            case JoinedTable join:
            {
                int leftStart = scope.Sources.Count;
                var left = BindFrom(join.Left, scope, outer, ctes);
                int rightStart = scope.Sources.Count;
                var right = BindFrom(join.Right, scope, outer, ctes);
                int end = scope.Sources.Count;
                if (join.Kind is JoinKind.Right or JoinKind.Full)
                    for (int i = leftStart; i < rightStart; i++)
                        scope.Sources[i].NullSupplied = true;
                if (join.Kind is JoinKind.Left or JoinKind.Full)
                    for (int i = rightStart; i < end; i++)
                        scope.Sources[i].NullSupplied = true;
                SqlExpr? on = null;
                if (join.On is not null)
                {
                    _aggregates!.Forbidden = "ON";
                    on = BindPredicate(join.On, scope);
                }
                else if (join.Using is { } usingColumns)
                {
                    on = BindUsing(join, usingColumns, scope, leftStart, rightStart, end);
                }
                if (join.Kind is JoinKind.Cross or JoinKind.Comma && (join.On is not null || join.Using is not null))
                    Error(ErrorCode.SyntaxError, join.OperatorSpan, join.Kind == JoinKind.Comma
                        ? "a comma joins every row; put the condition in WHERE, or write JOIN ... ON"
                        : "CROSS JOIN joins every row and takes no ON or USING; write JOIN ... ON");
                var kind = join.Kind switch
                {
                    JoinKind.Left => SqlJoinKind.Left,
                    JoinKind.Right => SqlJoinKind.Right,
                    JoinKind.Full => SqlJoinKind.Full,
                    JoinKind.Cross => SqlJoinKind.Cross,
                    _ => SqlJoinKind.Inner,
                };
                return new SqlJoin(left, kind, right, on);
            }
            default:
                throw new InvalidOperationException("unknown FROM item " + item.GetType().Name);
        }
    }

    private static readonly SqlQuery EmptyQuery = new([], new SqlSelectCore(false, [new ConstantExpr(null)], null, new ConstantExpr(0L), [], null), [], [], null, null);

    private void CheckSourceName(Scope scope, string name, Diagnostics.SourceSpan span)
    {
        if (scope.FindSource(name) is not null)
            Error(ErrorCode.AmbiguousName, span, $"'{name}' names two tables in this FROM clause; give one of them an alias");
    }

    /// <summary><c>USING (x, ...)</c>: equality of the column on both sides, and x becomes one column.</summary>
    private SqlExpr? BindUsing(JoinedTable join, IReadOnlyList<Identifier> columns, Scope scope, int leftStart, int rightStart, int end)
    {
        SqlExpr? condition = null;
        foreach (var column in columns)
        {
            var left = SideWith(scope, column, leftStart, rightStart, "left");
            var right = SideWith(scope, column, rightStart, end, "right");
            if (left is null || right is null)
                continue;
            var l = scope.Merged(column.Text) is { } already && ReferenceEquals(already.Right, left) ? MergedColumnOf(already, column.Text, false) : ColumnOf(left, column.Text, false);
            var r = ColumnOf(right, column.Text, false);
            if (l.Kind == ValueKind.Vector || r.Kind == ValueKind.Vector)
            {
                Error(ErrorCode.TypeMismatch, column.Span, $"USING joins on equal values, and '{column.Text}' is a vector; join ON a distance instead");
                continue;
            }
            var equal = new BinaryExpr(SqlBinaryOperator.Equal, l.Expr, r.Expr);
            condition = condition is null ? equal : new BinaryExpr(SqlBinaryOperator.And, condition, equal);
            scope.Merge(column.Text, new MergedColumn(left, right, join.Kind is JoinKind.Right or JoinKind.Full));
        }
        return condition;
    }

    private ScopeSource? SideWith(Scope scope, Identifier column, int from, int to, string side)
    {
        ScopeSource? found = null;
        for (int i = from; i < to; i++)
        {
            var source = scope.Sources[i];
            if (!source.HasColumn(column.Text))
                continue;
            if (found is not null && !ReferenceEquals(scope.Merged(column.Text)?.Right, source))
            {
                Error(ErrorCode.AmbiguousName, column.Span, $"USING column '{column.Text}' is in both '{found.Name}' and '{source.Name}' on the {side} side");
                return null;
            }
            found ??= source;
        }
        if (found is null)
            Error(ErrorCode.UnknownColumn, column.Span, $"USING column '{column.Text}' is not in the {side} side of the join");
        return found;
    }
}
