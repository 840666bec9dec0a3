using System.Runtime.CompilerServices;
using Superpower.Model;
using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>The parser's position in the token list, and what it has found so far.</summary>
/// <remarks>
/// A statement fails at its first syntax error. From then on the state reads as if the input had
/// ended, so every rule unwinds at once without reporting again, and <see cref="Parser.Script"/>
/// skips to the next statement with <see cref="SkipToNextStatement"/>. This keeps the rules free of
/// error plumbing: a rule that fails returns a placeholder that is never seen, because a failed
/// statement is dropped.
/// </remarks>
internal sealed class ParserState
{
    private readonly Token<TokenKind>[] _tokens;
    private int _position;
    private int _lastTokenEnd;
    private int _statementRegionStart;
    private int _statementFirstToken;
    private int _nestingDepth;

    public ParserState(SourceText source, Token<TokenKind>[] tokens, DiagnosticBag diagnostics)
    {
        Source = source;
        _tokens = tokens;
        Diagnostics = diagnostics;
    }

    /// <summary>The command text being parsed.</summary>
    public SourceText Source { get; }

    /// <summary>Where lexical and syntax errors go.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>True once the current statement has a syntax error.</summary>
    public bool HasFailed { get; private set; }

    /// <summary>How many '?' tokens have been passed, parsed or skipped; the next one's number.</summary>
    public int PositionalCount { get; private set; }

    /// <summary>True when no tokens are left, ignoring failure.</summary>
    public bool IsAtEndOfInput => _position >= _tokens.Length;

    /// <summary>The kind of the token <paramref name="ahead"/> places on, or null at the end or after a failure.</summary>
    public TokenKind? Peek(int ahead = 0)
    {
        int index = _position + ahead;
        return HasFailed || index >= _tokens.Length ? null : _tokens[index].Kind;
    }

    /// <summary>True when the current token is of <paramref name="kind"/>.</summary>
    public bool At(TokenKind kind) => Peek() == kind;

    /// <summary>True when the token <paramref name="ahead"/> places on can be a Name.</summary>
    public bool AtName(int ahead = 0) => Peek(ahead) is { } kind && IsName(kind);

    /// <summary>Identifier, QuotedIdentifier and non-reserved keywords can be names (grammar rule Name).</summary>
    public static bool IsName(TokenKind kind) =>
        kind is TokenKind.Identifier or TokenKind.QuotedIdentifier || (Keywords.IsKeyword(kind) && !Keywords.IsReserved(kind));

    /// <summary>The current token; only valid when <see cref="Peek"/> is not null.</summary>
    public Token<TokenKind> Current => _tokens[_position];

    /// <summary>Where the next node starts: the current token's offset.</summary>
    public int Start => _position < _tokens.Length ? _tokens[_position].Span.Position.Absolute : _lastTokenEnd;

    /// <summary>The offset just past the last token consumed.</summary>
    public int LastTokenEnd => _lastTokenEnd;

    /// <summary>The span from <paramref name="start"/> to the end of the last token consumed.</summary>
    public SourceSpan SpanFrom(int start) => SourceSpan.FromBounds(start, Math.Max(start, _lastTokenEnd));

    /// <summary>Consumes the current token.</summary>
    public Token<TokenKind> Advance()
    {
        var token = _tokens[_position++];
        _lastTokenEnd = token.Span.Position.Absolute + token.Span.Length;
        if (token.Kind == TokenKind.PositionalParameter)
            PositionalCount++;
        return token;
    }

    /// <summary>Consumes the current token when it is of <paramref name="kind"/>.</summary>
    public bool Match(TokenKind kind)
    {
        if (!At(kind))
            return false;
        Advance();
        return true;
    }

    /// <summary>Consumes a token of <paramref name="kind"/>, or fails the statement with <c>expected ...</c>.</summary>
    /// <param name="kind">The kind the grammar requires here.</param>
    /// <param name="expected">What the message says is expected, when more than this kind would do; defaults to the kind's display name.</param>
    public Token<TokenKind> Expect(TokenKind kind, string? expected = null)
    {
        if (At(kind))
            return Advance();
        Unexpected(expected ?? TokenDisplay.Expected(kind));
        return default;
    }

    /// <summary>Fails the statement at the current token: <c>expected X but found Y</c>, or <c>unexpected end of input, expected X</c>.</summary>
    /// <remarks>
    /// SQL that VecStore does not run yet (GROUP BY, a JOIN, INSERT OR REPLACE, ...) starting at the
    /// current token is reported as such instead (VECSQL0202, <see cref="UnsupportedSql"/>).
    /// </remarks>
    /// <param name="expected">What the grammar allows here, phrased for people.</param>
    /// <param name="nameExpected">True when a name is expected, so a reserved keyword found instead earns a hint to quote it.</param>
    public void Unexpected(string expected, bool nameExpected = false)
    {
        if (!HasFailed && !IsAtEndOfInput && UnsupportedSql.AtFailure(this) is var (span, message))
        {
            NotYetSupported(span, message);
            return;
        }
        // At the end of the input, a lexical error anywhere after the last token explains the error.
        if (!Fail(IsAtEndOfInput ? Source.Length : Start))
            return;
        if (IsAtEndOfInput)
        {
            Diagnostics.ReportUnexpectedEndOfInput(new SourceSpan(_lastTokenEnd, 0), expected);
            return;
        }
        var token = Current;
        string? hint = null;
        if (nameExpected && Keywords.IsReserved(token.Kind))
        {
            string word = token.ToStringValue();
            hint = $"'{word}' is a reserved keyword; write \"{word}\" to use it as a name";
        }
        Diagnostics.ReportUnexpectedToken(SpanOf(token), expected, TokenDisplay.Found(token), hint);
    }

    /// <summary>Fails the statement with VECSQL0202 (NotYetSupported): <paramref name="span"/> is SQL the language recognises but VecStore does not run yet.</summary>
    public void NotYetSupported(SourceSpan span, string message)
    {
        if (Fail(span.Start))
            Diagnostics.Add(new Diagnostic(ErrorCode.NotYetSupported, span, message));
    }

    /// <summary>Fails the statement with VECSQL0202 when <paramref name="construct"/> (from <see cref="UnsupportedSql"/>) was found; true then.</summary>
    public bool Refuse((SourceSpan Span, string Message)? construct)
    {
        if (HasFailed || construct is not var (span, message))
            return false;
        NotYetSupported(span, message);
        return true;
    }

    /// <summary>True when the token <paramref name="ahead"/> places on is the contextual word <paramref name="word"/> (an unquoted identifier, any case).</summary>
    /// <remarks>Contextual words (JOIN, GROUP, UNION, DISTINCT, CAST, ...) are keywords only where the grammar names them; elsewhere they are names.</remarks>
    public bool AtWord(string word, int ahead = 0) =>
        Peek(ahead) == TokenKind.Identifier && _tokens[_position + ahead].Span.EqualsValueIgnoreCase(word);

    /// <summary>Consumes the current token when it is the contextual word <paramref name="word"/>.</summary>
    public bool MatchWord(string word)
    {
        if (!AtWord(word))
            return false;
        Advance();
        return true;
    }

    /// <summary>True at CASE starting a CASE expression rather than naming a column called case: WHEN follows it, or an expression that a WHEN follows.</summary>
    public bool AtCaseExpression()
    {
        if (!AtWord("CASE") || Peek(1) is not { } next)
            return false;
        if (AtWord("WHEN", 1))
            return true;
        if (next is TokenKind.Comma or TokenKind.From or TokenKind.As or TokenKind.RightParen or TokenKind.Semicolon)
            return false;
        // CASE x WHEN ...: a WHEN before the statement ends.
        for (int i = _position + 2; i < _tokens.Length && _tokens[i].Kind != TokenKind.Semicolon; i++)
            if (_tokens[i].Kind == TokenKind.Identifier && _tokens[i].Span.EqualsValueIgnoreCase("WHEN"))
                return true;
        return false;
    }

    /// <summary>True at a WITH clause that an INSERT follows (<c>WITH x AS (...) INSERT INTO ...</c>) rather than a SELECT: the first INSERT or SELECT outside parentheses decides.</summary>
    public bool WithLeadsToInsert()
    {
        int depth = 0;
        for (int i = _position; i < _tokens.Length; i++)
        {
            switch (_tokens[i].Kind)
            {
                case TokenKind.LeftParen:
                    depth++;
                    break;
                case TokenKind.RightParen:
                    depth--;
                    break;
                case TokenKind.Semicolon:
                    return false;
                case TokenKind.Insert when depth == 0:
                    return true;
                case TokenKind.Select when depth == 0:
                    return false;
            }
        }
        return false;
    }

    /// <summary>True at UNION, INTERSECT or EXCEPT.</summary>
    public bool AtCompoundOperator() => AtWord("UNION") || AtWord("INTERSECT") || AtWord("EXCEPT");

    /// <summary>True where a join of another FROM item starts: ',', JOIN, or CROSS, INNER, LEFT, RIGHT, FULL before JOIN (OUTER allowed after the last three).</summary>
    public bool AtJoinOperator()
    {
        if (At(TokenKind.Comma) || AtWord("JOIN"))
            return true;
        if (AtWord("CROSS") || AtWord("INNER"))
            return AtWord("JOIN", 1);
        if (AtWord("LEFT") || AtWord("RIGHT") || AtWord("FULL"))
            return AtWord("JOIN", 1) || (AtWord("OUTER", 1) && AtWord("JOIN", 2));
        return false;
    }

    /// <summary>True at DISTINCT or ALL (<paramref name="word"/>) used as SELECT's set quantifier rather than as a column's name: followed by what starts a select item.</summary>
    public bool AtSetQuantifier(string word)
    {
        if (!AtWord(word) || Peek(1) is not { } next)
            return false;
        // A column named distinct is followed by ',', FROM, AS or the end; the quantifier by an item.
        return next is TokenKind.Star or TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.Identifier or TokenKind.QuotedIdentifier
            or TokenKind.NamedParameter or TokenKind.PositionalParameter or TokenKind.IntegerLiteral or TokenKind.RealLiteral
            or TokenKind.StringLiteral or TokenKind.BlobLiteral or TokenKind.Minus or TokenKind.Plus or TokenKind.Not
            or TokenKind.True or TokenKind.False or TokenKind.Null or TokenKind.Exists
            || (Keywords.IsKeyword(next) && !Keywords.IsReserved(next));
    }

    /// <summary>True when the current token can be an alias written without AS: a Name that does not start a clause VecStore does not run yet (GROUP, JOIN, UNION, ...).</summary>
    public bool AtImplicitAlias() => AtName() && !UnsupportedSql.IsClauseWord(Current);

    /// <summary>The token <paramref name="offset"/> places from the current one (negative: already consumed), or null outside the current statement's tokens.</summary>
    /// <remarks>Unlike <see cref="Peek"/> it ignores failure and can look back, for recognising the SQL around an error.</remarks>
    public Token<TokenKind>? TokenAt(int offset)
    {
        int index = _position + offset;
        return index >= _statementFirstToken && index < _tokens.Length ? _tokens[index] : null;
    }

    /// <summary>True when the current token is the first of its statement.</summary>
    public bool AtStatementStart => _position == _statementFirstToken;

    /// <summary>The first token of the current statement.</summary>
    public Token<TokenKind> StatementFirstToken => _tokens[_statementFirstToken];

    /// <summary>Marks the statement as failed at <paramref name="offset"/>; true when the caller should report why.</summary>
    /// <remarks>
    /// Only a statement's first error is reported, and none when a lexical error lies between the
    /// statement's start and the offset: a dropped bad token explains what the parser sees after it.
    /// </remarks>
    public bool Fail(int offset)
    {
        if (HasFailed)
            return false;
        HasFailed = true;
        return !Diagnostics.AnyStartingBetween(_statementRegionStart, offset);
    }

    /// <summary>Enters a nested parenthesis; false (and the statement fails) when too deep.</summary>
    public bool TryEnterNesting()
    {
        // The fixed limit keeps the depth independent of the thread; the stack check is a backstop
        // for callers on threads with unusually small stacks.
        if (_nestingDepth < SqlParser.MaxNestingDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _nestingDepth++;
            return true;
        }
        var at = _position < _tokens.Length ? SpanOf(Current) : new SourceSpan(_lastTokenEnd, 0);
        if (Fail(at.Start))
            Diagnostics.ReportNestingTooDeep(at, SqlParser.MaxNestingDepth);
        return false;
    }

    /// <summary>Leaves a nesting entered with <see cref="TryEnterNesting"/>.</summary>
    public void ExitNesting() => _nestingDepth--;

    /// <summary>Starts a statement at the current token: clears the failure and remembers where lexical errors count.</summary>
    public void BeginStatement(int regionStart)
    {
        HasFailed = false;
        _nestingDepth = 0;
        _statementRegionStart = regionStart;
        _statementFirstToken = _position;
    }

    /// <summary>
    /// Ends a failed statement: skips from the current token to the next ';' that is not inside
    /// brackets opened on the way, leaves that ';' as the current token, and clears the failure.
    /// </summary>
    public void SkipToNextStatement()
    {
        HasFailed = false;
        int depth = 0;
        // A trigger's body holds statements and their ';': what SQLite reads as one CREATE TRIGGER is skipped to its END.
        bool inTrigger = UnsupportedSql.IsTriggerDefinition(_tokens[_statementFirstToken], TokenAt(_statementFirstToken + 1 - _position), TokenAt(_statementFirstToken + 2 - _position));
        while (!IsAtEndOfInput)
        {
            var kind = _tokens[_position].Kind;
            if (inTrigger && kind == TokenKind.End && (_position + 1 == _tokens.Length || _tokens[_position + 1].Kind == TokenKind.Semicolon))
                inTrigger = false;
            else if (kind == TokenKind.Semicolon && depth == 0 && !inTrigger)
                return;
            if (kind is TokenKind.LeftParen or TokenKind.LeftBracket)
                depth++;
            else if (kind is TokenKind.RightParen or TokenKind.RightBracket && depth > 0)
                depth--;
            Advance();
        }
    }

    /// <summary>The length of the statement that starts at the current token: up to, not including, the next ';'.</summary>
    public int MeasureStatement()
    {
        int start = Start;
        int end = start;
        for (int i = _position; i < _tokens.Length && _tokens[i].Kind != TokenKind.Semicolon; i++)
            end = _tokens[i].Span.Position.Absolute + _tokens[i].Span.Length;
        return end - start;
    }

    /// <summary>Skips the tokens of a statement, up to the next ';' at any depth.</summary>
    public void SkipStatement()
    {
        while (!IsAtEndOfInput && _tokens[_position].Kind != TokenKind.Semicolon)
            Advance();
    }

    /// <summary>The span of a token.</summary>
    public static SourceSpan SpanOf(Token<TokenKind> token) => new(token.Span.Position.Absolute, token.Span.Length);
}
