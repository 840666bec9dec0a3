using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>Shortcuts for tests: tokenize or parse a text and assert it had no errors.</summary>
internal static class ParseHelpers
{
    /// <summary>The tokens of <paramref name="text"/> as (kind, text) pairs, and the lexical errors.</summary>
    public static (List<(TokenKind Kind, string Text)> Tokens, DiagnosticBag Diagnostics) Lex(string text)
    {
        var diagnostics = new DiagnosticBag(new SourceText(text));
        var tokens = new Tokenizer(diagnostics).Tokenize(text).Select(t => (t.Kind, t.ToStringValue())).ToList();
        return (tokens, diagnostics);
    }

    /// <summary>The tokens of a text that must tokenize without errors.</summary>
    public static List<(TokenKind Kind, string Text)> LexClean(string text)
    {
        var (tokens, diagnostics) = Lex(text);
        Assert.Empty(diagnostics);
        return tokens;
    }

    /// <summary>The one statement of a text that must parse without errors.</summary>
    public static Statement ParseOne(string text)
    {
        var result = SqlParser.Parse(text);
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Statements);
    }

    /// <summary>The one statement of a text that must parse without errors, as <typeparamref name="T"/>.</summary>
    public static T ParseOne<T>(string text) where T : Statement => Assert.IsType<T>(ParseOne(text));

    /// <summary>The expression of <c>SELECT expression</c>.</summary>
    public static Expression ParseExpression(string expression)
    {
        var select = ParseOne<SelectStatement>("SELECT " + expression);
        return Assert.IsType<ExpressionSelectItem>(Assert.Single(select.Items)).Expression;
    }

    /// <summary>An expression printed fully parenthesised.</summary>
    public static string Grouping(string expression) => SyntaxPrinter.Print(ParseExpression(expression));

    /// <summary>The one diagnostic of a text that must have exactly one.</summary>
    public static Diagnostic SingleError(string text) => Assert.Single(SqlParser.Parse(text).Diagnostics);
}
