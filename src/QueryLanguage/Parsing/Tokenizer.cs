using Superpower;
using Superpower.Model;
using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>Turns VecSQL text into tokens, following the lexical rules of <c>grammar/vecsql.ebnf</c>.</summary>
/// <remarks>
/// Never fails: text that cannot be a token (an unknown character, an unterminated string, comment or
/// quoted identifier, a malformed number or blob) is reported to the <see cref="DiagnosticBag"/> and
/// produces no token, and tokenizing goes on after it. The longest match wins (<c>&lt;=&gt;</c> is one
/// token). Whitespace and comments are skipped. One instance per text: it reports into its bag.
/// </remarks>
public sealed class Tokenizer : Tokenizer<TokenKind>
{
    private readonly DiagnosticBag? _diagnostics;

    /// <summary>Creates a tokenizer that reports lexical errors to <paramref name="diagnostics"/>, or drops them when null.</summary>
    public Tokenizer(DiagnosticBag? diagnostics = null) => _diagnostics = diagnostics;

    /// <inheritdoc />
    protected override IEnumerable<Result<TokenKind>> Tokenize(TextSpan span)
    {
        var rest = span;
        while (!rest.IsAtEnd)
        {
            ReadOnlySpan<char> text = rest.AsReadOnlySpan();
            int start = rest.Position.Absolute;
            char c = text[0];

            // Each branch measures one lexeme (never empty). Its kind is null when nothing is
            // yielded: whitespace, a comment, or text already reported as an error.
            TokenKind? kind;
            int length;
            if (char.IsWhiteSpace(c))
                (kind, length) = (null, CountWhile(text, 0, char.IsWhiteSpace));
            else if (c == '-' && At(text, 1) == '-')
                (kind, length) = (null, LineComment(text));
            else if (c == '/' && At(text, 1) == '*')
                (kind, length) = (null, BlockComment(text, start));
            else if (IsDigit(c) || (c == '.' && IsDigit(At(text, 1))))
                (kind, length) = Number(text, start);
            else if (c is 'x' or 'X' && At(text, 1) == '\'')
                (kind, length) = BlobLiteral(text, start);
            else if (IsIdentifierStart(c))
                (kind, length) = Word(text);
            else if (c == '\'')
                (kind, length) = StringLiteral(text, start);
            else if (c == '"')
                (kind, length) = QuotedIdentifier(text, start);
            else if (c is '@' or '$')
                (kind, length) = NamedParameter(text, start);
            else
                (kind, length) = Symbol(text, start);

            var next = rest.Skip(length);
            if (kind is { } tokenKind)
                yield return Result.Value(tokenKind, rest, next);
            rest = next;
        }
    }

    /// <summary>'--' [^#xA]*: up to, not including, the line break.</summary>
    private static int LineComment(ReadOnlySpan<char> text)
    {
        int end = text.IndexOf('\n');
        return end < 0 ? text.Length : end;
    }

    /// <summary>'/*' ... '*/', not nested.</summary>
    private int BlockComment(ReadOnlySpan<char> text, int start)
    {
        int close = text[2..].IndexOf("*/");
        if (close >= 0)
            return close + 4;
        _diagnostics?.ReportUnterminatedComment(new SourceSpan(start, 2));
        return text.Length;
    }

    /// <summary>IntegerLiteral or RealLiteral; a number that runs into a letter, digit, '_' or '.' is invalid.</summary>
    private (TokenKind?, int) Number(ReadOnlySpan<char> text, int start)
    {
        int i = CountWhile(text, 0, IsDigit);
        bool real = false;
        if (At(text, i) == '.')
        {
            real = true;
            i = CountWhile(text, i + 1, IsDigit);
        }
        bool valid = true;
        if (At(text, i) is 'e' or 'E')
        {
            int digits = At(text, i + 1) is '+' or '-' ? i + 2 : i + 1;
            valid = IsDigit(At(text, digits));
            real = true;
            i = CountWhile(text, digits, IsDigit);
        }
        if (IsIdentifierPart(At(text, i)) || At(text, i) == '.')
        {
            valid = false;
            i = CountWhile(text, i, static ch => IsIdentifierPart(ch) || ch == '.');
        }
        if (valid)
            return (real ? TokenKind.RealLiteral : TokenKind.IntegerLiteral, i);
        _diagnostics?.ReportInvalidNumber(new SourceSpan(start, i));
        return (null, i);
    }

    /// <summary>[xX] "'" ( HexDigit HexDigit )* "'".</summary>
    private (TokenKind?, int) BlobLiteral(ReadOnlySpan<char> text, int start)
    {
        int close = text[2..].IndexOf('\'');
        if (close < 0)
        {
            _diagnostics?.ReportUnterminatedBlob(new SourceSpan(start, 2));
            return (null, text.Length);
        }
        var digits = text.Slice(2, close);
        int length = close + 3;
        int bad = digits.IndexOfAnyExcept(HexDigits);
        if (bad >= 0)
            _diagnostics?.ReportInvalidHexDigit(new SourceSpan(start, length), digits[bad]);
        else if (digits.Length % 2 != 0)
            _diagnostics?.ReportOddHexDigitCount(new SourceSpan(start, length));
        else
            return (TokenKind.BlobLiteral, length);
        return (null, length);
    }

    /// <summary>A keyword, or an Identifier: [A-Za-z_] [A-Za-z0-9_]*.</summary>
    private static (TokenKind?, int) Word(ReadOnlySpan<char> text)
    {
        int length = CountWhile(text, 1, IsIdentifierPart);
        return (Keywords.TryGetKeyword(text[..length], out var keyword) ? keyword : TokenKind.Identifier, length);
    }

    /// <summary>"'" ( [^'] | "''" )* "'".</summary>
    private (TokenKind?, int) StringLiteral(ReadOnlySpan<char> text, int start)
    {
        int length = Quoted(text, '\'');
        if (length > 0)
            return (TokenKind.StringLiteral, length);
        _diagnostics?.ReportUnterminatedString(new SourceSpan(start, 1));
        return (null, text.Length);
    }

    /// <summary>'"' ( [^"] | '""' )+ '"'.</summary>
    private (TokenKind?, int) QuotedIdentifier(ReadOnlySpan<char> text, int start)
    {
        int length = Quoted(text, '"');
        if (length == 2)
            _diagnostics?.ReportEmptyIdentifier(new SourceSpan(start, 2));
        else if (length > 0)
            return (TokenKind.QuotedIdentifier, length);
        else
            _diagnostics?.ReportUnterminatedIdentifier(new SourceSpan(start, 1));
        return (null, length > 0 ? length : text.Length);
    }

    /// <summary>[@$] [A-Za-z0-9_]+.</summary>
    private (TokenKind?, int) NamedParameter(ReadOnlySpan<char> text, int start)
    {
        int length = CountWhile(text, 1, IsIdentifierPart);
        if (length > 1)
            return (TokenKind.NamedParameter, length);
        _diagnostics?.ReportMissingParameterName(new SourceSpan(start, 1), text[0]);
        return (null, 1);
    }

    /// <summary>Punctuation and operators; anything else is a run of unexpected characters.</summary>
    private (TokenKind?, int) Symbol(ReadOnlySpan<char> text, int start)
    {
        char next = At(text, 1);
        (TokenKind? Kind, int Length) symbol = text[0] switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            ';' => (TokenKind.Semicolon, 1),
            '.' => (TokenKind.Dot, 1),
            '?' => (TokenKind.PositionalParameter, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '|' when next == '|' => (TokenKind.Concat, 2),
            '=' => (TokenKind.Equal, next == '=' ? 2 : 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '<' when At(text, 2) == '>' && next is '-' or '=' or '#' or '+' or '~' or '%' => (next switch
            {
                '-' => TokenKind.L2Distance,
                '=' => TokenKind.CosineDistance,
                '#' => TokenKind.NegativeInnerProduct,
                '~' => TokenKind.HammingDistance,
                '%' => TokenKind.JaccardDistance,
                _ => TokenKind.L1Distance,
            }, 3),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' when next == '>' => (TokenKind.NotEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            _ => (null, 0),
        };
        if (symbol.Kind is not null)
            return symbol;

        // One diagnostic for a run of characters that start no token, not one per character.
        int length = CountWhile(text, 1, static ch => !char.IsWhiteSpace(ch) && !CanStartToken(ch));
        _diagnostics?.ReportUnexpectedCharacter(new SourceSpan(start, length));
        return (null, length);
    }

    /// <summary>Length of a quoted lexeme with doubled quotes as escapes, or 0 when the closing quote is missing.</summary>
    private static int Quoted(ReadOnlySpan<char> text, char quote)
    {
        int i = 1;
        while (true)
        {
            int close = text[i..].IndexOf(quote);
            if (close < 0)
                return 0;
            i += close + 1;
            if (At(text, i) != quote)
                return i;
            i++;
        }
    }

    private static int CountWhile(ReadOnlySpan<char> text, int from, Func<char, bool> predicate)
    {
        int i = from;
        while (i < text.Length && predicate(text[i]))
            i++;
        return i;
    }

    /// <summary>The character at <paramref name="index"/>, or '\0' past the end.</summary>
    private static char At(ReadOnlySpan<char> text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool CanStartToken(char c) => char.IsAsciiLetterOrDigit(c) || SymbolStarts.Contains(c);

    private const string SymbolStarts = "_'\"@$?()[],;.+-*/%|=!<>";

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
