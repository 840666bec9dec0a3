using System.Globalization;
using SortKey = VecStore.QueryLanguage.Binding.Bound.SortKey;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// SELECT: the select list, WHERE, ORDER BY (by expression, alias or position), LIMIT and OFFSET.
internal sealed partial class Binder
{
    /// <summary>Per-query search options that ANN indexes will read.</summary>
    private static readonly HashSet<string> SearchOptions = new(StringComparer.OrdinalIgnoreCase) { "ef_search", "nprobe", "strategy" };

    /// <summary>A SELECT: the single-table shape binds to a <see cref="BoundSelect"/> for VecStore's own plans, anything else to a <see cref="BoundQuery"/> SQLite runs whole.</summary>
    private BoundStatement BindAnySelect(SelectStatement select) => RelationalShape.Needs(select) ? BindRelationalSelect(select) : BindSelect(select);

    private BoundSelect BindSelect(SelectStatement select)
    {
        TableSchema? table = null;
        var from = select.Core.From as TableReference;
        string? alias = from?.Alias?.Text;
        if (from is not null)
        {
            table = FindTable(from.Name);
            if (table is null)
                return new BoundSelect(null, [], null, [], [], null, null, false, select.Span);
        }
        var scope = Scope.Single(table, alias);

        var columns = new List<OutputColumn>();
        bool aggregate = false, plain = false;
        foreach (var item in select.Items)
        {
            switch (item)
            {
                case StarSelectItem star:
                    if (table is null)
                    {
                        Error(ErrorCode.UnknownTable, star.Span, "* needs a FROM clause");
                        break;
                    }
                    if (star.Qualifier is { } q && !string.Equals(q.Text, alias ?? table.Name, StringComparison.OrdinalIgnoreCase)
                        && !string.Equals(q.Text, table.Name, StringComparison.OrdinalIgnoreCase))
                        Error(ErrorCode.UnknownTable, q.Span, $"'{q.Text}' is not the table of this statement ('{alias ?? table.Name}')");
                    foreach (var column in table.Columns)
                        columns.Add(ColumnOutput(column, column.Name, table));
                    plain = true;
                    break;
                case ExpressionSelectItem e:
                {
                    string name = e.Alias?.Text ?? (e.Expression is ColumnReference r ? r.Name.Text : Text(e.Expression.Span));
                    if (e.Expression is FunctionCall { IsCountStar: true })
                    {
                        aggregate = true;
                        columns.Add(new OutputColumn(e.Alias?.Text ?? "count(*)", typeof(long), "INTEGER", new CountStarExpr(), null));
                    }
                    else if (IsColumnQueryDistance(e.Expression))
                    {
                        plain = true;
                        var call = TryBindDistance(e.Expression, scope);
                        columns.Add(new OutputColumn(name, typeof(double), "REAL", call is null ? Placeholder : null, call));
                    }
                    else if (e.Expression is ColumnReference reference)
                    {
                        plain = true;
                        var column = ResolveTableColumn(reference, scope);
                        columns.Add(column is null ? new OutputColumn(name, typeof(object), "", Placeholder, null) : ColumnOutput(column, name, table));
                    }
                    else
                    {
                        plain = true;
                        var typed = BindScalar(e.Expression, scope);
                        columns.Add(typed.Kind == ValueKind.Vector
                            ? new OutputColumn(name, VectorValues.ValueType(typed.Vector?.Element ?? Indexes.VectorElement.Float32), typed.Vector?.ToString() ?? "VECTOR", typed.Expr, null)
                            : new OutputColumn(name, ValueKinds.ClrType(typed.Kind), ValueKinds.SqlName(typed.Kind), typed.Expr, null));
                    }
                    break;
                }
            }
        }
        if (aggregate && plain)
            Error(ErrorCode.AggregateMisuse, select.Span, "count(*) cannot be selected with other columns (there is no GROUP BY)");

        var (where, ranges) = BindWhere(select.Where, scope);
        var orderBy = new List<SortKey>();
        foreach (var item in select.OrderBy)
        {
            var key = BindSortKey(item, columns, table, scope);
            if (key is not null)
                orderBy.Add(key);
        }
        if (aggregate && orderBy.Exists(k => k.Distance is not null))
            Error(ErrorCode.AggregateMisuse, select.Span, "count(*) cannot be ordered by a distance");

        long? limit = select.Limit is null ? null : BindCount(select.Limit, "LIMIT");
        long? offset = select.Offset is null ? null : BindCount(select.Offset, "OFFSET");
        long? breadth = null;
        OptionSetting? breadthOption = null;
        var strategy = Planning.SearchStrategy.Auto;
        OptionSetting? strategyOption = null;
        foreach (var option in select.Options)
        {
            string key = option.Name.Text.ToLowerInvariant();
            if (!SearchOptions.Contains(key))
                Error(ErrorCode.UnsupportedOperation, option.Name.Span, $"unknown search option '{option.Name.Text}'; the options are ef_search, nprobe and strategy");
            else if (key == "strategy")
            {
                if (strategyOption is not null)
                    Error(ErrorCode.UnsupportedOperation, option.Name.Span, "strategy is already given");
                else if (option.Value.Value is not string name || !TryStrategy(name, out strategy))
                    Error(ErrorCode.UnsupportedOperation, option.Value.Span, "strategy is one of 'auto', 'prefilter', 'flat', 'index' and 'postfilter'");
                strategyOption = option;
            }
            else if (option.Value.Value is not long n || n < 1 || n > (key == "nprobe" ? IndexOptionRules.MaxIvfLists : IndexOptionRules.MaxHnswEf))
                Error(ErrorCode.InvalidLimit, option.Value.Span, $"{option.Name.Text} takes a whole number from 1 to {(key == "nprobe" ? IndexOptionRules.MaxIvfLists : IndexOptionRules.MaxHnswEf)}");
            else if (breadthOption is not null)
                Error(ErrorCode.UnsupportedOperation, option.Name.Span, $"{breadthOption.Name.Text.ToLowerInvariant()} is already given; a search takes one of ef_search (HNSW) and nprobe (IVF)");
            else
            {
                breadth = n;
                breadthOption = option;
            }
        }
        var bound = new BoundSelect(table, columns, where, ranges, orderBy, limit, offset, aggregate, select.Span, breadth, strategy);
        if (strategyOption is not null && strategy != Planning.SearchStrategy.Auto)
            CheckStrategy(bound, strategyOption);
        if (breadthOption is not null)
        {
            // An option that would silently do nothing is a mistake the user should hear about.
            string key = breadthOption.Name.Text.ToLowerInvariant();
            var index = BreadthIndexFor(bound);
            if (index is null)
                Error(ErrorCode.UnsupportedOperation, breadthOption.Name.Span,
                    $"{key} tunes an {(key == "nprobe" ? "IVF" : "HNSW")} index, and this search is exact: {WhyNoIndex(bound)}; remove WITH (...)");
            else if (index.Method.IsInvertedFile() != (key == "nprobe"))
                Error(ErrorCode.UnsupportedOperation, breadthOption.Name.Span,
                    $"{key} tunes an {(key == "nprobe" ? "IVF" : "HNSW")} index, but this search goes through the {index.Method.ToString().ToUpperInvariant()} index '{index.Name}'; use {(key == "nprobe" ? "ef_search" : "nprobe")}");
        }
        return WithSessionSettings(bound, breadthOption is not null, strategyOption is not null);
    }

    /// <summary>The index whose breadth (ef_search or nprobe) this search would use, or null when the search is exact.</summary>
    private static IndexSchema? BreadthIndexFor(BoundSelect bound)
    {
        var index = Planning.Planner.AnnIndexFor(bound);

        // An IVF index waiting for rows to train on takes its nprobe already: queries written for it run exactly until it trains.
        if (index is null && Planning.IndexEligibility.Of(bound) is { } eligibility && Storage.Session.IsWaitingToTrain(eligibility.Index))
            index = eligibility.Index;
        return index;
    }

    private static bool TryStrategy(string name, out Planning.SearchStrategy strategy)
    {
        strategy = name.ToLowerInvariant() switch
        {
            "auto" => Planning.SearchStrategy.Auto,
            "prefilter" => Planning.SearchStrategy.Prefilter,
            "flat" => Planning.SearchStrategy.Flat,
            "index" => Planning.SearchStrategy.Index,
            "postfilter" => Planning.SearchStrategy.Postfilter,
            _ => (Planning.SearchStrategy)(-1),
        };
        return Enum.IsDefined(strategy);
    }

    /// <summary>A forced strategy must fit the query: a nearest-neighbour search, and for the index strategies an index that can serve it.</summary>
    private void CheckStrategy(BoundSelect bound, OptionSetting option)
    {
        bool nearest = bound.OrderBy.Count >= 1 && bound.OrderBy[0].Distance is not null && !bound.IsAggregate;
        if (!nearest)
        {
            Error(ErrorCode.UnsupportedOperation, option.Name.Span, "strategy chooses how a nearest-neighbour search ranks its vectors; this SELECT has no ORDER BY distance");
            return;
        }
        if (bound.Strategy is Planning.SearchStrategy.Index or Planning.SearchStrategy.Postfilter && Planning.Planner.AnnIndexFor(bound) is null)
            Error(ErrorCode.UnsupportedOperation, option.Value.Span,
                $"strategy '{bound.Strategy.ToString().ToLowerInvariant()}' searches a vector index, and none serves this query: {WhyNoIndex(bound)}");
    }

    /// <summary>Why no vector index ranks this SELECT, for an option that needs one.</summary>
    private static string WhyNoIndex(BoundSelect bound) => Planning.IndexEligibility.Of(bound) switch
    {
        (var index, { } whyNot) => $"the index '{index.Name}' on the column cannot rank it, because {whyNot}",
        _ => "the column has no vector index (an index serves ORDER BY one distance, nearest first, of the column's metric, with a LIMIT and no other ORDER BY key)",
    };

    private SortKey? BindSortKey(OrderByItem item, List<OutputColumn> columns, TableSchema? table, Scope scope)
    {
        bool descending = item.Direction == SortDirection.Descending;
        string text = Text(item.Expression.Span);

        // ORDER BY 2: the second output column.
        if (item.Expression is LiteralExpression { Kind: LiteralKind.Integer, Value: long position })
        {
            if (position < 1 || position > columns.Count)
            {
                Error(ErrorCode.UnknownColumn, item.Expression.Span, $"ORDER BY {position} is out of range: the query has {columns.Count} columns");
                return null;
            }
            return FromOutput(columns[(int)position - 1], descending, text, item);
        }

        // ORDER BY an alias of the select list; an alias wins over a column of the same name, as in SQLite.
        if (item.Expression is ColumnReference { Qualifier: null } reference)
        {
            var output = columns.Find(c => string.Equals(c.Name, reference.Name.Text, StringComparison.OrdinalIgnoreCase)
                && (c.Distance is not null || c.Scalar is not ColumnExpr || table?.FindColumn(reference.Name.Text) is null));
            if (output is not null)
                return FromOutput(output, descending, text, item);
        }

        if (IsColumnQueryDistance(item.Expression))
        {
            var call = TryBindDistance(item.Expression, scope);
            return call is null ? null : new SortKey(null, call, descending, text);
        }
        var (expr, kind) = BindScalar(item.Expression, scope);
        if (kind == ValueKind.Vector)
        {
            Error(ErrorCode.TypeMismatch, item.Expression.Span, "cannot order by a vector; order by its distance to a query vector");
            return null;
        }
        return new SortKey(expr, null, descending, text);
    }

    private SortKey? FromOutput(OutputColumn output, bool descending, string text, OrderByItem item)
    {
        if (output.Scalar is ColumnExpr { Column.IsVector: true })
        {
            Error(ErrorCode.TypeMismatch, item.Expression.Span, "cannot order by a vector; order by its distance to a query vector");
            return null;
        }
        if (output.Scalar is CountStarExpr)
            return null;
        return new SortKey(output.Scalar, output.Distance, descending, text);
    }

    private long? BindCount(Expression expression, string clause)
    {
        var value = Evaluate(expression);
        if (ReferenceEquals(value, Invalid))
            return null;
        long? count = value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            _ => null,
        };
        if (count is null || count < 0)
        {
            Error(ErrorCode.InvalidLimit, expression.Span,
                $"{clause} takes a whole number of rows, 0 or more, not {Describe(value)}");
            return null;
        }
        return count;
    }

    private static OutputColumn ColumnOutput(ColumnSchema column, string name, TableSchema? table)
        => new(name, column.IsVector ? VectorValues.ValueType(column.Element) : ValueKinds.ClrType(ValueKinds.Of(column.Type)),
            column.IsVector ? column.TypeText : ValueKinds.SqlName(ValueKinds.Of(column.Type)), new ColumnExpr(column), null, table);
}
