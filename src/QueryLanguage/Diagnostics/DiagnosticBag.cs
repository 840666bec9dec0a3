using System.Collections;
using System.Globalization;
using System.Text;

namespace VecStore.QueryLanguage.Diagnostics;

/// <summary>Collects the errors found in one command text, ordered by where they occur in it.</summary>
/// <remarks>
/// The tokenizer and the parser report into a bag instead of throwing, so that the user sees every
/// error at once; <see cref="ThrowIfAny"/> turns the collection into one exception at the public edge.
/// Each error has one factory method here, so call sites read as sentences and wording stays uniform.
/// Diagnostics at the same offset keep the order they were reported in. At most
/// <see cref="MaxCount"/> are kept, the earliest in the text. Not thread-safe.
/// </remarks>
public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
{
    /// <summary>How many diagnostics a bag keeps; a text with more errors than this is not worth reading further.</summary>
    public const int MaxCount = 100;

    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>Creates an empty bag for errors in <paramref name="source"/>.</summary>
    public DiagnosticBag(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    /// <summary>The text the spans point into.</summary>
    public SourceText Source { get; }

    /// <inheritdoc />
    public int Count => _diagnostics.Count;

    /// <summary>True when no error has been reported.</summary>
    public bool IsEmpty => _diagnostics.Count == 0;

    /// <inheritdoc />
    public Diagnostic this[int index] => _diagnostics[index];

    /// <summary>Adds a diagnostic at its place in text order.</summary>
    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        int index = _diagnostics.Count;
        while (index > 0 && _diagnostics[index - 1].Span.Start > diagnostic.Span.Start)
            index--;
        if (index == MaxCount)
            return;
        _diagnostics.Insert(index, diagnostic);
        if (_diagnostics.Count > MaxCount)
            _diagnostics.RemoveAt(MaxCount);
    }

    /// <summary>True when a diagnostic starts at an offset in <c>[start, end]</c>.</summary>
    public bool AnyStartingBetween(int start, int end)
    {
        foreach (var diagnostic in _diagnostics)
        {
            if (diagnostic.Span.Start >= start && diagnostic.Span.Start <= end)
                return true;
        }
        return false;
    }

    /// <summary>Throws one exception for the first diagnostic, carrying the others in <see cref="VecStoreException.Others"/>.</summary>
    /// <exception cref="VecStoreException">The bag is not empty.</exception>
    public void ThrowIfAny()
    {
        if (ToException() is { } exception)
            throw exception;
    }

    /// <summary>The exception <see cref="ThrowIfAny"/> would throw, or null when the bag is empty.</summary>
    public VecStoreException? ToException()
    {
        if (_diagnostics.Count == 0)
            return null;
        var others = new VecStoreException[_diagnostics.Count - 1];
        for (int i = 1; i < _diagnostics.Count; i++)
            others[i - 1] = _diagnostics[i].ToException(Source);
        var first = _diagnostics[0];
        return new VecStoreException(first.Code, first.Message, Source.GetLocation(first.Span)) { Others = others };
    }

    /// <inheritdoc />
    public IEnumerator<Diagnostic> GetEnumerator() => _diagnostics.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Tokenizing

    /// <summary>A character, or a run of characters, that cannot start any token.</summary>
    public void ReportUnexpectedCharacter(SourceSpan span)
    {
        string text = Source.ToString(span);
        Rune.DecodeFromUtf16(text, out _, out int firstLength);
        string message = firstLength == text.Length
            ? "unexpected character " + Describe(text)
            : "unexpected characters " + Describe(text);
        Add(new Diagnostic(ErrorCode.UnexpectedCharacter, span, message));
    }

    /// <summary>A parameter prefix (<c>@</c> or <c>$</c>) with no name after it.</summary>
    public void ReportMissingParameterName(SourceSpan span, char prefix) =>
        Add(new Diagnostic(ErrorCode.UnexpectedCharacter, span, $"expected a parameter name after '{prefix}'"));

    /// <summary>A string literal whose closing quote is missing; the span is the opening quote.</summary>
    public void ReportUnterminatedString(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.UnterminatedString, span, "string literal is missing its closing quote (')"));

    /// <summary>A blob literal whose closing quote is missing; the span is its <c>x'</c>.</summary>
    public void ReportUnterminatedBlob(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.UnterminatedString, span, "blob literal is missing its closing quote (')"));

    /// <summary>A block comment whose <c>*/</c> is missing; the span is its <c>/*</c>.</summary>
    public void ReportUnterminatedComment(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.UnterminatedComment, span, "comment is missing its closing '*/'"));

    /// <summary>A quoted identifier whose closing double quote is missing; the span is the opening quote.</summary>
    public void ReportUnterminatedIdentifier(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.UnterminatedIdentifier, span, "quoted identifier is missing its closing quote (\")"));

    /// <summary>A quoted identifier with nothing between its quotes.</summary>
    public void ReportEmptyIdentifier(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.EmptyIdentifier, span, "a quoted identifier cannot be empty"));

    /// <summary>Text that starts like a number but is not one, such as <c>12abc</c> or <c>1e+</c>.</summary>
    public void ReportInvalidNumber(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.InvalidNumber, span, $"'{Clip(Source.ToString(span))}' is not a valid number"));

    /// <summary>A blob literal with a character that is not a hexadecimal digit.</summary>
    public void ReportInvalidHexDigit(SourceSpan span, char digit) =>
        Add(new Diagnostic(ErrorCode.InvalidBlobLiteral, span,
            $"blob literal {Clip(Source.ToString(span))} contains {Describe(digit.ToString())}, which is not a hexadecimal digit"));

    /// <summary>A blob literal with an odd number of hexadecimal digits.</summary>
    public void ReportOddHexDigitCount(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.InvalidBlobLiteral, span,
            $"blob literal {Clip(Source.ToString(span))} has an odd number of hexadecimal digits; each byte takes two"));

    // Parsing

    /// <summary>An integer literal outside the 64-bit range.</summary>
    public void ReportIntegerOutOfRange(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.InvalidNumber, span,
            $"integer {Clip(Source.ToString(span))} is out of range; integers are 64-bit, from -9223372036854775808 to 9223372036854775807"));

    /// <summary>A real literal too large for a double.</summary>
    public void ReportRealOutOfRange(SourceSpan span) =>
        Add(new Diagnostic(ErrorCode.InvalidNumber, span, $"real number {Clip(Source.ToString(span))} is out of range"));

    /// <summary>A token the grammar does not allow where it stands.</summary>
    /// <param name="span">The token.</param>
    /// <param name="expected">What the grammar allows there, phrased for people: <c>')' or ','</c>.</param>
    /// <param name="found">The token as people read it: <c>'LIMIT'</c>, <c>identifier price</c>.</param>
    /// <param name="hint">A sentence to append, or null.</param>
    public void ReportUnexpectedToken(SourceSpan span, string expected, string found, string? hint = null) =>
        Add(new Diagnostic(ErrorCode.SyntaxError, span,
            $"expected {expected} but found {found}" + (hint is null ? "" : "; " + hint)));

    /// <summary>The input ended inside a statement.</summary>
    /// <param name="span">A zero-length span at the end of the input.</param>
    /// <param name="expected">What the grammar allows there, phrased for people.</param>
    public void ReportUnexpectedEndOfInput(SourceSpan span, string expected) =>
        Add(new Diagnostic(ErrorCode.UnexpectedEndOfInput, span, $"unexpected end of input, expected {expected}"));

    /// <summary>A statement longer than the parser accepts.</summary>
    public void ReportStatementTooLong(SourceSpan span, int length, int limit) =>
        Add(new Diagnostic(ErrorCode.StatementTooLong, span, string.Create(CultureInfo.InvariantCulture,
            $"statement is {length:N0} characters long; the limit is {limit:N0}")));

    /// <summary>Parentheses (around expressions, arguments and IN lists) nested deeper than the parser accepts.</summary>
    public void ReportNestingTooDeep(SourceSpan span, int limit) =>
        Add(new Diagnostic(ErrorCode.NestingTooDeep, span, string.Create(CultureInfo.InvariantCulture,
            $"expression is nested too deeply; the limit is {limit} levels of parentheses")));

    /// <summary>An expression tree deeper than the parser accepts, such as a very long chain of OR.</summary>
    public void ReportExpressionTooDeep(SourceSpan span, int limit) =>
        Add(new Diagnostic(ErrorCode.NestingTooDeep, span, string.Create(CultureInfo.InvariantCulture,
            $"expression is too deep; its tree may be at most {limit} levels deep")));

    /// <summary>Quotes text for a message; invisible characters and broken surrogates are named by their code.</summary>
    private static string Describe(string text)
    {
        if (DescribeCodePoint(text, 0, out int length) is { } single && length == text.Length)
            return single;
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        string clipped = Clip(text);
        for (int i = 0; i < clipped.Length; i += length)
            builder.Append(DescribeCodePoint(clipped, i, out length) ?? clipped.Substring(i, length));
        return builder.Append('\'').ToString();
    }

    /// <summary>The code point at <paramref name="index"/> as <c>U+XXXX</c> when it is not visible, else null.</summary>
    private static string? DescribeCodePoint(string text, int index, out int length)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != System.Buffers.OperationStatus.Done)
            return string.Create(CultureInfo.InvariantCulture, $"U+{(int)text[index]:X4}");
        bool visible = !Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune)
            && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
        return visible ? null : string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
    }

    /// <summary>Shortens long text for a message; the span still covers all of it.</summary>
    internal static string Clip(string text) => text.Length <= 32 ? text : text[..29] + "...";
}
