using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>What <see cref="SqlParser.Parse"/> found in a command text: its statements and its errors.</summary>
/// <remarks>
/// When <see cref="Diagnostics"/> is not empty, <see cref="Statements"/> holds only the statements that
/// parsed, and the command must not run: call <see cref="ThrowIfErrors"/> first.
/// </remarks>
public sealed class ParseResult
{
    private readonly DiagnosticBag _diagnostics;

    internal ParseResult(SourceText source, IReadOnlyList<Statement> statements, DiagnosticBag diagnostics, int positionalParameterCount)
    {
        Source = source;
        Statements = statements;
        _diagnostics = diagnostics;
        PositionalParameterCount = positionalParameterCount;
    }

    /// <summary>The command text; spans in the statements and diagnostics point into it.</summary>
    public SourceText Source { get; }

    /// <summary>The statements in text order, without the empty ones.</summary>
    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>Lexical and syntax errors in text order: at most one syntax error per statement.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>How many <c>?</c> parameters the whole text holds; they are numbered 0 to this count - 1.</summary>
    public int PositionalParameterCount { get; }

    /// <summary>True when the text has at least one error.</summary>
    public bool HasErrors => _diagnostics.Count > 0;

    /// <summary>Throws one <see cref="VecStoreException"/> for the first error, with the others in <see cref="VecStoreException.Others"/>.</summary>
    /// <exception cref="VecStoreException">The text has errors.</exception>
    public void ThrowIfErrors() => _diagnostics.ThrowIfAny();
}
