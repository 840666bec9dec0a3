using System.Globalization;

namespace VecStore.Storage.Catalog;

/// <summary>An index as the catalog records it.</summary>
/// <remarks>
/// A scalar index is a SQLite index named from its id (<see cref="StorageName"/>); a vector index
/// lives in its own file beside the database, also named from its id, never from the user's name.
/// </remarks>
public sealed record IndexSchema(long IndexId, string Name, long TableId, IndexMethod Method, IReadOnlyList<ColumnSchema> Columns, IReadOnlyDictionary<string, long> Options)
{
    /// <summary>The quoted name of the SQLite index behind a scalar index.</summary>
    public string StorageName => "\"i" + IndexId.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The option's value, or <paramref name="fallback"/> when the index was created without it.</summary>
    public long Option(string name, long fallback) => Options.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>
    /// Whether an option is one the engine keeps for itself beside those CREATE INDEX took: the tuned
    /// default breadth, and an inverted-file index's waiting mark and the list count it chose at training.
    /// </summary>
    public static bool IsEngineNote(string key) =>
        key is Indexing.BreadthTuner.OptionKey or Indexing.DeferredTraining.WaitingKey or Indexing.DeferredTraining.ListsKey;

    /// <summary>The index as a CREATE INDEX statement in VecStore's dialect, one that runs: its method and the options it was created with.</summary>
    public string ToCreateStatement(TableSchema table)
    {
        var columns = string.Join(", ", Columns.Select(c => Identifiers.Quote(c.Name)));
        if (Method == IndexMethod.Scalar)
            return $"CREATE INDEX {Identifiers.Quote(Name)} ON {Identifiers.Quote(table.Name)} ({columns});";
        // Only the options CREATE INDEX takes: running the statement again tunes and trains afresh.
        var options = string.Join(", ", Options
            .Where(o => !IsEngineNote(o.Key))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"{o.Key} = {o.Value.ToString(CultureInfo.InvariantCulture)}"));
        return $"CREATE INDEX {Identifiers.Quote(Name)} ON {Identifiers.Quote(table.Name)} USING {Method.ToString().ToUpperInvariant()} ({columns})"
            + (options.Length > 0 ? $" WITH ({options})" : "") + ";";
    }
}
