using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>Turns a VecSQL command text into syntax trees: the front end of the query language.</summary>
/// <remarks>
/// Never throws on user input: every lexical and syntax error becomes a <see cref="Diagnostic"/>.
/// After a syntax error the parser skips to the next ';' (not inside brackets opened after the error)
/// and goes on, so a script with several bad statements reports each. Thread-safe.
/// </remarks>
public static class SqlParser
{
    /// <summary>The longest statement accepted, in characters (VECSQL0012, StatementTooLong).</summary>
    public const int MaxStatementLength = 1_000_000;

    /// <summary>How deeply parentheses (around expressions, arguments and IN lists) may nest (VECSQL0013, NestingTooDeep).</summary>
    public const int MaxNestingDepth = 200;

    /// <summary>
    /// The deepest expression tree accepted, counted in nodes from the root to a leaf (VECSQL0013,
    /// NestingTooDeep), so that later stages can walk trees recursively without exhausting the stack.
    /// </summary>
    public const int MaxExpressionDepth = 1000;

    /// <summary>Tokenizes and parses a command text of zero or more statements separated by ';'.</summary>
    public static ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SourceText(text);
        var diagnostics = new DiagnosticBag(source);
        var tokens = new Tokenizer(diagnostics).Tokenize(text).ToArray();
        var state = new ParserState(source, tokens, diagnostics);
        var statements = Parser.Script(state);
        return new ParseResult(source, statements, diagnostics, state.PositionalCount);
    }
}
