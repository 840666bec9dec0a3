using System.Globalization;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Settings;

/// <summary>One setting a connection can SET: its names, the values it takes and what it does.</summary>
/// <param name="Name">The canonical name, as WITH (...) spells the same option: <c>ef_search</c>.</param>
/// <param name="Alias">pgvector's name for it, or null: <c>hnsw.ef_search</c>.</param>
/// <param name="Default">The value in effect when it is not set, as SHOW prints it; null when each index has its own.</param>
/// <param name="Description">One line for SHOW: what it tunes, and when it applies.</param>
internal sealed record SessionSetting(string Name, string? Alias, string? Default, string Description)
{
    /// <summary>HNSW's search breadth: candidates a walk keeps (more is slower and finds more of the true neighbours).</summary>
    public static readonly SessionSetting EfSearch = new("ef_search", "hnsw.ef_search", null,
        "HNSW search breadth (pgvector: hnsw.ef_search), 1 to 10000; default: each index's own");

    /// <summary>IVF's and IVFPQ's search breadth: lists probed.</summary>
    public static readonly SessionSetting NProbe = new("nprobe", "ivfflat.probes", null,
        "IVF and IVFPQ lists probed (pgvector: ivfflat.probes), 1 to 65536; default: each index's own");

    /// <summary>The filtered-search strategy: the cost model's choice, or one forced.</summary>
    public static readonly SessionSetting Strategy = new("strategy", null, "auto",
        "how nearest-neighbour searches rank rows: auto (by cost), prefilter, flat, index or postfilter");

    /// <summary>Every setting, in the order SHOW ALL lists them.</summary>
    public static readonly IReadOnlyList<SessionSetting> All = [EfSearch, NProbe, Strategy];

    /// <summary>The setting a name (canonical or pgvector's, any case) stands for, or null.</summary>
    public static SessionSetting? Find(string name)
    {
        foreach (var setting in All)
            if (string.Equals(setting.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(setting.Alias, name, StringComparison.OrdinalIgnoreCase))
                return setting;
        return null;
    }

    /// <summary>Why a name that is not a setting cannot be one: pgvector's settings VecStore has no use for get their reason, others the list.</summary>
    public static string Unknown(string name) => name.ToLowerInvariant() switch
    {
        "hnsw.iterative_scan" or "ivfflat.iterative_scan" =>
            $"'{name}' is pgvector's switch for filtered searches that go on until enough rows pass; VecStore's always do, in exact order (as strict_order), so there is nothing to set",
        "hnsw.max_scan_tuples" or "hnsw.scan_mem_multiplier" or "ivfflat.max_probes" =>
            $"'{name}' bounds pgvector's iterative scans; VecStore's filtered searches stop by their cost model instead (EXPLAIN shows it), so there is nothing to set",
        _ => $"unknown setting '{name}'; the settings are ef_search (hnsw.ef_search), nprobe (ivfflat.probes) and strategy",
    };

    /// <summary>Reads a value given to SET: the value to store (a <c>long</c> breadth, a lower-case strategy name), or the problem with it.</summary>
    /// <remarks>Numbers may come as text, as PostgreSQL allows (<c>SET hnsw.ef_search = '100'</c>).</remarks>
    public (object? Value, string? Problem) Read(object? value)
    {
        if (ReferenceEquals(this, Strategy))
        {
            string? name = (value as string)?.ToLowerInvariant();
            return name is "auto" or "prefilter" or "flat" or "index" or "postfilter"
                ? (name, null)
                : (null, $"strategy is one of 'auto', 'prefilter', 'flat', 'index' and 'postfilter', not {Describe(value)}");
        }
        long high = ReferenceEquals(this, NProbe) ? IndexOptionRules.MaxIvfLists : IndexOptionRules.MaxHnswEf;
        long? number = value switch
        {
            long l => l,
            int i => i,
            short h => h,
            byte b => b,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) => parsed,
            _ => null,
        };
        return number is >= 1 && number <= high
            ? (number.Value, null)
            : (null, string.Create(CultureInfo.InvariantCulture, $"{Name} takes a whole number from 1 to {high}, not {Describe(value)}"));
    }

    /// <summary>A stored value as SHOW prints it.</summary>
    public static string Text(object value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";

    private static string Describe(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s}'",
        bool b => b ? "TRUE" : "FALSE",
        byte[] => "a blob",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
