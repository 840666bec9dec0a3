using System.Reflection;
using Superpower.Display;
using Superpower.Model;
using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>How tokens read in error messages, from the <see cref="TokenAttribute"/> on each <see cref="TokenKind"/>.</summary>
internal static class TokenDisplay
{
    private static readonly TokenAttribute[] Attributes = ReadAttributes();

    /// <summary>What a message says when it expects a kind: <c>')'</c>, <c>'LIMIT'</c>, <c>an identifier</c>.</summary>
    public static string Expected(TokenKind kind)
    {
        var attribute = Attributes[(int)kind];
        return attribute.Description ?? $"'{attribute.Example}'";
    }

    /// <summary>What a message says when it finds a token: <c>'LIMIT'</c>, <c>identifier price</c>, <c>number 10</c>.</summary>
    /// <remarks>Keywords are quoted as the user wrote them, so <c>limit</c> reads <c>'limit'</c>.</remarks>
    public static string Found(Token<TokenKind> token)
    {
        var attribute = Attributes[(int)token.Kind];
        string text = DiagnosticBag.Clip(token.ToStringValue());
        return attribute.Description is null ? $"'{text}'" : $"{attribute.Category} {text}";
    }

    /// <summary>True for the members that spell a keyword.</summary>
    public static bool IsKeyword(TokenKind kind) =>
        (uint)kind < (uint)Attributes.Length && Attributes[(int)kind].Category == "keyword";

    /// <summary>Joins alternatives the way people list them: <c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    /// <summary>The alternatives among token kinds: <c>')' or ','</c>.</summary>
    public static string Alternatives(params ReadOnlySpan<TokenKind> kinds)
    {
        var items = new string[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
            items[i] = Expected(kinds[i]);
        return Alternatives(items);
    }

    private static TokenAttribute[] ReadAttributes()
    {
        var kinds = Enum.GetValues<TokenKind>();
        var attributes = new TokenAttribute[kinds.Length];
        foreach (var kind in kinds)
        {
            var field = typeof(TokenKind).GetField(kind.ToString())!;
            attributes[(int)kind] = field.GetCustomAttribute<TokenAttribute>()
                ?? throw new InvalidOperationException($"TokenKind.{kind} has no [Token] attribute.");
        }
        return attributes;
    }
}
