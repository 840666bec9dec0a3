using System.Collections.Concurrent;
using VecStore.QueryLanguage.Parsing;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Parsed command texts, shared by every command of the process: a statement reused in a loop is parsed once.</summary>
internal static class ParseCache
{
    private const int Capacity = 512;
    private static readonly ConcurrentDictionary<string, ParseResult> Cache = new(StringComparer.Ordinal);

    /// <summary>The parse of <paramref name="text"/>; throws every syntax error when it has any.</summary>
    public static ParseResult Get(string text)
    {
        if (Cache.TryGetValue(text, out var cached))
            return cached;
        var parsed = SqlParser.Parse(text);
        parsed.ThrowIfErrors();
        if (Cache.Count >= Capacity)
            Cache.Clear();
        Cache.TryAdd(text, parsed);
        return parsed;
    }
}
