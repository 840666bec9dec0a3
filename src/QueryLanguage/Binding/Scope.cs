using VecStore.Indexes;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding;

/// <summary>The names a part of a statement can see: the FROM items of one SELECT core (its sources), and the scopes around it for correlated subqueries.</summary>
/// <remarks>
/// A source has the name the text gives it (its alias, else its table's name), which is only ever
/// used for resolving names and for messages, and a number, which is what SQLite sees
/// (<c>"s&lt;n&gt;"</c>). A single-table statement's one source has no number: its columns are
/// written unqualified, as they always were.
/// </remarks>
internal sealed class Scope
{
    private readonly List<ScopeSource> _sources = [];
    private readonly Dictionary<string, MergedColumn> _merged = new(StringComparer.OrdinalIgnoreCase);

    public Scope(Scope? parent, IReadOnlyDictionary<string, BoundCte>? ctes = null)
    {
        Parent = parent;
        Ctes = ctes ?? parent?.Ctes ?? EmptyCtes;
    }

    private static readonly IReadOnlyDictionary<string, BoundCte> EmptyCtes = new Dictionary<string, BoundCte>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A scope for a single-table statement (UPDATE, DELETE and the single-table SELECT): its table without a number, or no table.</summary>
    public static Scope Single(TableSchema? table, string? alias)
    {
        var scope = new Scope(null);
        if (table is not null)
            scope.Add(new ScopeSource(alias ?? table.Name, null, table, null, alias is not null ? table.Name : null));
        return scope;
    }

    /// <summary>The scope this one is nested in (a subquery's enclosing SELECT), or null.</summary>
    public Scope? Parent { get; }

    /// <summary>The common table expressions visible here, by name.</summary>
    public IReadOnlyDictionary<string, BoundCte> Ctes { get; }

    /// <summary>The FROM items, in the order they were written.</summary>
    public IReadOnlyList<ScopeSource> Sources => _sources;

    /// <summary>The source of a single-table statement, or null for a scope with several or none.</summary>
    public ScopeSource? OnlySource => _sources.Count == 1 && _sources[0].Number is null ? _sources[0] : null;

    public void Add(ScopeSource source) => _sources.Add(source);

    /// <summary>Records that USING made <paramref name="name"/> one column of two sources.</summary>
    public void Merge(string name, MergedColumn column) => _merged[name] = column;

    /// <summary>The column a USING clause merged under <paramref name="name"/>, or null.</summary>
    public MergedColumn? Merged(string name) => _merged.GetValueOrDefault(name);

    /// <summary>True when a USING merged a column of <paramref name="source"/> named <paramref name="name"/> (so * shows it once, under the left source).</summary>
    public bool IsMergedAway(ScopeSource source, string name) =>
        _merged.TryGetValue(name, out var merged) && ReferenceEquals(merged.Right, source);

    /// <summary>The sources of this scope named <paramref name="name"/> (alias, or table name when it has no alias).</summary>
    public ScopeSource? FindSource(string name)
    {
        foreach (var source in _sources)
            if (source.Answers(name))
                return source;
        return null;
    }
}

/// <summary>One FROM item as names see it.</summary>
/// <param name="Name">Its name in the text: the alias, else the table's (or common table expression's) name.</param>
/// <param name="Number">The number SQLite knows it by (<c>"s&lt;n&gt;"</c>), or null for a single-table statement's table.</param>
/// <param name="Table">The catalog table, or null for a derived table or a common table expression.</param>
/// <param name="Columns">The output columns of a derived table or common table expression; null for a catalog table.</param>
/// <param name="TableName">The table's own name when an alias hides it (a single-table statement also answers to it), or null.</param>
internal sealed record ScopeSource(string Name, int? Number, TableSchema? Table, IReadOnlyList<SourceColumn>? Columns, string? TableName = null)
{
    /// <summary>True when the source lies on the side of an outer join that may be all NULL.</summary>
    public bool NullSupplied { get; set; }

    /// <summary>True when a qualifier <paramref name="name"/> names this source.</summary>
    public bool Answers(string name) => string.Equals(name, Name, StringComparison.OrdinalIgnoreCase)
        || (TableName is not null && string.Equals(name, TableName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the source has a column of this name.</summary>
    public bool HasColumn(string name) => Table?.FindColumn(name) is not null || FindOutput(name) >= 0;

    /// <summary>The position of the derived table's column of this name, or -1.</summary>
    public int FindOutput(string name)
    {
        if (Columns is null)
            return -1;
        for (int i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }
}

/// <summary>An output column of a derived table or common table expression: its name and type.</summary>
/// <param name="Origin">The catalog column it shows unchanged, when it does (for the reader's schema), or null.</param>
/// <param name="IsDistance">True for a distance: ordered by, its NULLs go last, as a distance's do.</param>
internal sealed record SourceColumn(string Name, ValueKind Kind, VectorType? Vector, ColumnSchema? Origin, bool IsDistance = false);

/// <summary>A column two sources share through USING: unqualified, it is the left one's (both, for FULL and RIGHT joins, whichever is not NULL).</summary>
internal sealed record MergedColumn(ScopeSource Left, ScopeSource Right, bool EitherSide);

/// <summary>A common table expression bound once and read by name.</summary>
/// <param name="Number">Its number in SQLite (<c>"w&lt;n&gt;"</c>).</param>
internal sealed record BoundCte(string Name, int Number, IReadOnlyList<SourceColumn> Columns);

/// <summary>The type of a vector expression: its element type and dimensions (0 when they are known only at run time).</summary>
internal readonly record struct VectorType(VectorElement Element, int Dimensions)
{
    /// <summary>The type as SQL writes it: VECTOR(3), VECTOR(3) HALF, BIT(8).</summary>
    public override string ToString() => Storage.Functions.VectorFunctions.TypeText(Element, Dimensions);
}

/// <summary>A bound expression: what SQLite evaluates and the type the binder infers for it.</summary>
internal readonly record struct Typed(Storage.Queries.SqlExpr Expr, ValueKind Kind, VectorType? Vector = null)
{
    public void Deconstruct(out Storage.Queries.SqlExpr expr, out ValueKind kind)
    {
        expr = Expr;
        kind = Kind;
    }
}
