using System.Collections.Frozen;
using System.Reflection;
using Superpower.Display;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>The keywords of VecSQL: which words are keywords, and which of them may still be used as names.</summary>
/// <remarks>
/// A keyword's spelling is the <see cref="TokenAttribute.Example"/> of its <see cref="TokenKind"/>
/// member, so the enum stays the one list. Lookups ignore case and do not allocate.
/// </remarks>
public static class Keywords
{
    private static readonly FrozenDictionary<string, TokenKind> ByText = FindKeywords();
    private static readonly FrozenDictionary<string, TokenKind>.AlternateLookup<ReadOnlySpan<char>> ByTextSpan =
        ByText.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Keywords that are names wherever the grammar expects a name (grammar rule NonReservedKeyword),
    /// so that a column may be called <c>text</c>, <c>key</c> or <c>end</c>. None of them can follow an
    /// expression or a table name, which is what keeps <c>SELECT a text FROM t</c> unambiguous.
    /// </summary>
    private static readonly FrozenSet<TokenKind> NonReserved = new[]
    {
        TokenKind.Analyze, TokenKind.Asc, TokenKind.Backup, TokenKind.Begin, TokenKind.Blob, TokenKind.Boolean,
        TokenKind.Check, TokenKind.Checkpoint, TokenKind.Commit, TokenKind.Desc, TokenKind.End, TokenKind.Flat,
        TokenKind.Half, TokenKind.Hnsw, TokenKind.Index, TokenKind.Integer, TokenKind.Ivf, TokenKind.IvfPq,
        TokenKind.Key, TokenKind.Metric, TokenKind.Real, TokenKind.Restore, TokenKind.Rollback, TokenKind.Text,
        TokenKind.To, TokenKind.Transaction, TokenKind.Vacuum, TokenKind.Vector, TokenKind.Bit,
        TokenKind.Alter, TokenKind.Add, TokenKind.Column, TokenKind.Rename,
    }.ToFrozenSet();

    /// <summary>Every keyword's spelling, upper case.</summary>
    public static IEnumerable<string> All => ByText.Keys;

    /// <summary>Finds the keyword a word spells, in any case.</summary>
    public static bool TryGetKeyword(ReadOnlySpan<char> word, out TokenKind kind) => ByTextSpan.TryGetValue(word, out kind);

    /// <summary>True for a keyword token kind, reserved or not.</summary>
    public static bool IsKeyword(TokenKind kind) => TokenDisplay.IsKeyword(kind);

    /// <summary>True for a keyword that cannot be a name unless quoted, such as <c>SELECT</c> or <c>ORDER</c>.</summary>
    public static bool IsReserved(TokenKind kind) => IsKeyword(kind) && !NonReserved.Contains(kind);

    private static FrozenDictionary<string, TokenKind> FindKeywords()
    {
        var keywords = new Dictionary<string, TokenKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(TokenKind).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var token = field.GetCustomAttribute<TokenAttribute>();
            if (token is { Category: "keyword", Example: { } spelling })
                keywords.Add(spelling, (TokenKind)field.GetValue(null)!);
        }
        return keywords.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
