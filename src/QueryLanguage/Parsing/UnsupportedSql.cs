using Superpower.Model;
using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing;

/// <summary>
/// Recognises the SQL that SQLite and PostgreSQL users write but VecStore does not run yet (grouping,
/// joins, subqueries, set operations, upserts, views, triggers, window functions, ...), so that it
/// is reported as VECSQL0202 (NotYetSupported) with the caret on the construct, rather than as a
/// syntax error somewhere after it.
/// </summary>
/// <remarks>
/// <para>
/// Most constructs are recognised where the grammar fails: <see cref="AtFailure"/> looks at the
/// token the parser could not place, the tokens around it and the statement it is in. A few would
/// parse as something else and are checked where they start: <c>SELECT DISTINCT a</c> (a column
/// named distinct with an alias), <c>FROM a, b</c>, <c>LIMIT 5, 10</c>, <c>count(DISTINCT a)</c>,
/// <c>CASE</c>, <c>CAST</c> and table constraints other than PRIMARY KEY. The words that start a
/// clause (GROUP, JOIN, UNION, OVER, ...) are never taken as an alias without AS
/// (<see cref="IsClauseWord"/>). None of these words is a keyword: elsewhere they stay names.
/// </para>
/// <para>The list follows SQLite's and PostgreSQL's grammars; grammar/vecsql.ebnf repeats it.</para>
/// </remarks>
internal static class UnsupportedSql
{
    /// <summary>Words that start a clause or an operator VecStore does not run yet, and so are not read as an alias without AS.</summary>
    private static readonly string[] ClauseWords =
    [
        "GROUP", "HAVING", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
        "CROSS", "NATURAL", "OVER", "FILTER", "COLLATE", "GLOB", "REGEXP", "MATCH", "ILIKE", "RETURNING",
    ];

    private static readonly string[] JoinWords = ["NATURAL", "LEFT", "RIGHT", "FULL", "INNER", "CROSS", "OUTER", "JOIN"];

    /// <summary>True for a word (an unquoted identifier) that starts a clause VecStore does not run yet: it is not an implicit alias.</summary>
    public static bool IsClauseWord(Token<TokenKind> token)
    {
        if (token.Kind != TokenKind.Identifier)
            return false;
        foreach (string word in ClauseWords)
            if (token.Span.EqualsValueIgnoreCase(word))
                return true;
        return false;
    }

    /// <summary>The construct starting at the token the parser could not place, with its span and message; null when it is an ordinary syntax error.</summary>
    public static (SourceSpan Span, string Message)? AtFailure(ParserState p)
    {
        var t0 = p.TokenAt(0)!.Value;
        var t1 = p.TokenAt(1);
        var before = p.TokenAt(-1);
        if (p.AtStatementStart)
            return AtStatementStart(p, t0, t1);
        if (Is(before, TokenKind.Create))
            return AfterCreate(before!.Value, t0, t1);
        if (Is(before, TokenKind.Alter) && p.TokenAt(-2) is null && t0.Kind != TokenKind.Table)
            return (Cover(before!.Value, t0), $"ALTER {Upper(t0)} is not supported yet; ALTER TABLE adds, drops and renames columns and renames tables");
        if (Is(t0, TokenKind.Alter) && StatementVerb(p) == "ALTER")
            return (Cover(t0, t1 ?? t0), "ALTER COLUMN is not supported yet; ALTER TABLE adds, drops and renames columns (drop one and add it again to change its type)");
        if (Is(before, TokenKind.Drop) && (Word(t0, "VIEW") || Word(t0, "TRIGGER")))
            return (Cover(before!.Value, t0), $"DROP {Upper(t0)} is not supported yet: VecStore has no views or triggers");
        if (Is(t0, TokenKind.Or) && (Is(before, TokenKind.Insert) || Is(before, TokenKind.Update)) && t1 is { } action)
            return (Cover(before!.Value, action), $"{Upper(before!.Value)} OR {Upper(action)} is not supported yet; " + Upper(action) switch
            {
                "REPLACE" => "UPDATE the row, or DELETE it and INSERT it again",
                "IGNORE" => "leave out the rows that would fail",
                _ => "a statement that fails already changes nothing",
            });

        string verb = StatementVerb(p);
        if (Word(t0, "WINDOW"))
            return (Span(t0), "WINDOW (window functions) is not supported yet");
        if (Word(t0, "NATURAL") && JoinAt(p) is { } join)
            return (join, "NATURAL JOIN is not supported; name the columns: JOIN ... USING (column, ...)");
        if (Word(t0, "OVER"))
            return (Span(t0), "window functions (OVER) are not supported yet");
        if (Word(t0, "FILTER") && Is(t1, TokenKind.LeftParen))
            return (Span(t0), "FILTER (WHERE ...) on an aggregate is not supported yet");
        if (Word(t0, "COLLATE"))
            return (Cover(t0, t1 ?? t0), "COLLATE is not supported yet: text compares by its characters, and LIKE ignores the case of ASCII letters");
        if (Word(t0, "GLOB") || Word(t0, "REGEXP") || Word(t0, "MATCH") || Word(t0, "ILIKE"))
            return (Span(t0), $"{Upper(t0)} is not supported yet; LIKE matches patterns with % and _, ignoring the case of ASCII letters");
        if (Word(t0, "NULLS") && (Word(t1, "FIRST") || Word(t1, "LAST")))
            return (Cover(t0, t1!.Value), "NULLS FIRST and NULLS LAST are not supported yet: NULL values sort first in ascending order, NULL distances last");
        if (Is(t0, TokenKind.LeftParen) && Is(t1, TokenKind.Values))
            return (Cover(t0, ClosingParen(p, 0)), "a VALUES list as a table is not supported yet; use SELECT ... UNION ALL SELECT ...");
        if (Is(t0, TokenKind.Default) && Is(t1, TokenKind.Values))
            return (Cover(t0, t1!.Value), "INSERT ... DEFAULT VALUES is not supported yet; name one column, as in INSERT INTO t (id) VALUES (NULL)");
        if (Is(t0, TokenKind.On) && Word(before, "CONFLICT") && Word(t1, "CONSTRAINT"))
            return (Cover(t0, t1!.Value), "ON CONFLICT ON CONSTRAINT is not supported: VecStore's only unique constraint is the primary key; write ON CONFLICT (key, ...) or leave the target out");
        if (Is(t0, TokenKind.Using) && verb == "DELETE")
            return (Span(t0), "DELETE ... USING is not supported yet; choose the rows with WHERE ... IN (SELECT ...)");
        if ((Is(t0, TokenKind.Order) || Is(t0, TokenKind.Limit)) && verb is "UPDATE" or "DELETE")
            return (Is(t1, TokenKind.By) ? Cover(t0, t1!.Value) : Span(t0), $"{(Is(t0, TokenKind.Order) ? "ORDER BY" : "LIMIT")} in {verb} is not supported yet; choose the rows with WHERE");
        if (IsDistinctFrom(p, t0, before) is { } distinct)
            return (distinct, "IS DISTINCT FROM is not supported yet; write a = b, or IS NULL");
        if ((Is(t0, TokenKind.True) || Is(t0, TokenKind.False)) && (Is(before, TokenKind.Is) || (Is(before, TokenKind.Not) && Is(p.TokenAt(-2), TokenKind.Is))))
            return (Span(t0), $"IS {Upper(t0)} is not supported yet; compare with = {Upper(t0)}");
        return verb switch
        {
            "CREATE TABLE" => InCreateTable(t0, t1),
            "CREATE INDEX" when Is(t0, TokenKind.Where) => (Span(t0), "partial indexes (CREATE INDEX ... WHERE) are not supported yet"),
            _ => null,
        };
    }

    /// <summary><c>SELECT DISTINCT ON (a) ...</c> (PostgreSQL's), checked where the select list starts.</summary>
    public static (SourceSpan Span, string Message)? AtSelectList(ParserState p)
    {
        var t0 = p.TokenAt(0);
        var t1 = p.TokenAt(1);
        return Word(t0, "DISTINCT") && Is(t1, TokenKind.On) && Is(p.TokenAt(2), TokenKind.LeftParen)
            ? (Cover(t0!.Value, t1!.Value), "SELECT DISTINCT ON is not supported yet; GROUP BY the columns, or rank with a subquery")
            : null;
    }

    /// <summary><c>WITH RECURSIVE</c>, checked after WITH.</summary>
    public static (SourceSpan Span, string Message)? InWithClause(ParserState p) =>
        Word(p.TokenAt(0), "RECURSIVE") ? (Span(p.TokenAt(0)!.Value), "WITH RECURSIVE is not supported yet") : null;

    /// <summary>After a table in FROM: <c>name(...)</c>, a table-valued function.</summary>
    public static (SourceSpan Span, string Message)? AfterTableReference(ParserState p)
    {
        var t0 = p.TokenAt(0);
        if (Is(t0, TokenKind.LeftParen) && p.TokenAt(-1) is { } name)
            return (Cover(name, ClosingParen(p, 0)), "table-valued functions are not supported yet");
        return null;
    }

    /// <summary><c>LIMIT 10, 20</c>: SQLite's offset-first form, checked after the first expression of LIMIT.</summary>
    public static (SourceSpan Span, string Message)? InLimit(ParserState p) =>
        Is(p.TokenAt(0), TokenKind.Comma)
            ? (Span(p.TokenAt(0)!.Value), "LIMIT offset, count is not supported; write LIMIT count OFFSET offset")
            : null;

    /// <summary>A table constraint other than PRIMARY KEY where a column definition would start.</summary>
    public static (SourceSpan Span, string Message)? AtTableElement(ParserState p)
    {
        var t0 = p.TokenAt(0);
        var t1 = p.TokenAt(1);
        if (t0 is not { } first)
            return null;
        if (Word(t0, "UNIQUE") && Is(t1, TokenKind.LeftParen))
            return (Span(first), "UNIQUE constraints are not supported yet; a PRIMARY KEY is unique");
        if (Is(t0, TokenKind.Check) && Is(t1, TokenKind.LeftParen))
            return (Span(first), "CHECK constraints are not supported yet");
        if (Word(t0, "FOREIGN") && Is(t1, TokenKind.Key))
            return (Cover(first, t1!.Value), "FOREIGN KEY constraints are not supported yet");
        if (Word(t0, "CONSTRAINT") && t1 is { } name && ParserState.IsName(name.Kind))
            return (Span(first), "named constraints (CONSTRAINT name ...) are not supported yet");
        return null;
    }

    private static (SourceSpan, string)? AtStatementStart(ParserState p, Token<TokenKind> t0, Token<TokenKind>? t1)
    {
        if (Is(t0, TokenKind.Values))
            return (Span(t0), "a VALUES statement is not supported yet");
        if (Is(t0, TokenKind.LeftParen) && Is(t1, TokenKind.Select))
            return (Cover(t0, ClosingParen(p, 0)), "a SELECT in parentheses is not supported yet");
        if (t0.Kind != TokenKind.Identifier)
            return null;
        string? message = t0.ToStringValue().ToUpperInvariant() switch
        {
            "REPLACE" => "REPLACE INTO is not supported yet; UPDATE the row, or DELETE it and INSERT it again",
            "PRAGMA" => "PRAGMA is not supported: VecStore sets SQLite up itself (the connection string sets what can be changed)",
            "ATTACH" or "DETACH" => $"{Upper(t0)} is not supported yet: a connection opens one database",
            "REINDEX" => "REINDEX is not supported yet; VACUUM compacts the vector indexes, DROP INDEX and CREATE INDEX rebuild one",
            "SAVEPOINT" or "RELEASE" => $"{Upper(t0)} is not supported yet; a transaction is BEGIN ... COMMIT or ROLLBACK",
            "TRUNCATE" => "TRUNCATE is not supported yet; DELETE FROM a table removes every row",
            "MERGE" or "UPSERT" => $"{Upper(t0)} is not supported yet; UPDATE the row, or INSERT it",
            _ => null,
        };
        return message is null ? null : (Span(t0), message);
    }

    private static (SourceSpan, string)? AfterCreate(Token<TokenKind> create, Token<TokenKind> t0, Token<TokenKind>? t1)
    {
        if (Is(t0, TokenKind.Or))
            return (Cover(create, t1 ?? t0), "CREATE OR REPLACE is not supported yet: VecStore has no views or triggers");
        if (t0.Kind != TokenKind.Identifier)
            return null;
        string? message = t0.ToStringValue().ToUpperInvariant() switch
        {
            "VIEW" or "MATERIALIZED" => "CREATE VIEW is not supported yet",
            "TRIGGER" => "CREATE TRIGGER is not supported yet",
            "TEMP" or "TEMPORARY" => "temporary tables are not supported yet; an in-memory database (Data Source=:memory:) holds tables for one connection",
            "UNIQUE" => "CREATE UNIQUE INDEX is not supported yet; a PRIMARY KEY is unique",
            "VIRTUAL" => "CREATE VIRTUAL TABLE is not supported: VECTOR(n) columns live in ordinary tables",
            _ => null,
        };
        return message is null ? null : (Cover(create, t0), message);
    }

    private static (SourceSpan, string)? InCreateTable(Token<TokenKind> t0, Token<TokenKind>? t1)
    {
        if (Is(t0, TokenKind.As))
            return Is(t1, TokenKind.Select) ? (Span(t0), "CREATE TABLE ... AS SELECT is not supported yet")
                : Is(t1, TokenKind.LeftParen) ? (Span(t0), "generated columns are not supported yet")
                : null;
        if (Is(t0, TokenKind.Check))
            return (Span(t0), "CHECK constraints are not supported yet");
        if (t0.Kind != TokenKind.Identifier)
            return null;
        string? message = t0.ToStringValue().ToUpperInvariant() switch
        {
            "UNIQUE" => "UNIQUE constraints are not supported yet; a PRIMARY KEY is unique",
            "REFERENCES" or "FOREIGN" => "foreign keys (REFERENCES) are not supported yet",
            "CONSTRAINT" => "named constraints (CONSTRAINT name ...) are not supported yet",
            "AUTOINCREMENT" => "AUTOINCREMENT is not supported yet; an INTEGER PRIMARY KEY left out of an INSERT gets the next number",
            "GENERATED" => "generated columns are not supported yet",
            "WITHOUT" => "WITHOUT ROWID is not supported: every VecStore table has a row id",
            "STRICT" => "STRICT is not supported: every VecStore table already refuses values of another type",
            _ => null,
        };
        return message is null ? null : (Span(t0), message);
    }

    /// <summary><c>[NATURAL] [LEFT|RIGHT|FULL [OUTER]|INNER|CROSS] JOIN</c> from the current token, up to JOIN.</summary>
    private static SourceSpan? JoinAt(ParserState p)
    {
        var first = p.TokenAt(0)!.Value;
        for (int i = 0; p.TokenAt(i) is { } token && IsAnyWord(token, JoinWords); i++)
            if (Word(token, "JOIN"))
                return Cover(first, token);
        return null;
    }

    /// <summary><c>IS [NOT] DISTINCT FROM</c> at DISTINCT.</summary>
    private static SourceSpan? IsDistinctFrom(ParserState p, Token<TokenKind> t0, Token<TokenKind>? before)
    {
        if (!Word(t0, "DISTINCT"))
            return null;
        var start = Is(before, TokenKind.Is) ? before : Is(before, TokenKind.Not) && Is(p.TokenAt(-2), TokenKind.Is) ? p.TokenAt(-2) : null;
        if (start is null)
            return null;
        return Cover(start.Value, Is(p.TokenAt(1), TokenKind.From) ? p.TokenAt(1)!.Value : t0);
    }

    /// <summary>The ')' matching the '(' at <paramref name="offset"/>, or the last token of the statement when it is missing.</summary>
    private static Token<TokenKind> ClosingParen(ParserState p, int offset)
    {
        int depth = 0;
        var last = p.TokenAt(offset)!.Value;
        for (int i = offset; p.TokenAt(i) is { Kind: not TokenKind.Semicolon } token; i++)
        {
            last = token;
            if (token.Kind == TokenKind.LeftParen)
                depth++;
            else if (token.Kind == TokenKind.RightParen && --depth == 0)
                return token;
        }
        return last;
    }

    /// <summary>True for <c>CREATE [TEMP] TRIGGER</c>: its body holds ';', so a refused one is skipped to its END.</summary>
    public static bool IsTriggerDefinition(Token<TokenKind> first, Token<TokenKind>? second, Token<TokenKind>? third) =>
        first.Kind == TokenKind.Create && (Word(second, "TRIGGER") || ((Word(second, "TEMP") || Word(second, "TEMPORARY")) && Word(third, "TRIGGER")));

    /// <summary>What the statement does, for context: INSERT, UPDATE, DELETE, SELECT, CREATE TABLE, CREATE INDEX, ... (EXPLAIN skipped).</summary>
    private static string StatementVerb(ParserState p)
    {
        // Tokens are read back from the statement's start; the current position is after them.
        int back = 0;
        while (p.TokenAt(back - 1) is not null)
            back--;
        var first = p.TokenAt(back);
        if (Is(first, TokenKind.Explain))
        {
            back++;
            if (Is(p.TokenAt(back), TokenKind.Analyze))
                back++;
            first = p.TokenAt(back);
        }
        if (first is not { } token)
            return "";
        string verb = token.ToStringValue().ToUpperInvariant();
        return token.Kind == TokenKind.Create && p.TokenAt(back + 1) is { } what && what.Kind is TokenKind.Table or TokenKind.Index
            ? verb + " " + what.ToStringValue().ToUpperInvariant()
            : verb;
    }

    private static bool Is(Token<TokenKind>? token, TokenKind kind) => token is { } t && t.Kind == kind;

    private static bool Word(Token<TokenKind>? token, string word) =>
        token is { Kind: TokenKind.Identifier } t && t.Span.EqualsValueIgnoreCase(word);

    private static bool IsAnyWord(Token<TokenKind> token, string[] words)
    {
        foreach (string word in words)
            if (Word(token, word))
                return true;
        return false;
    }

    private static string Upper(Token<TokenKind> token) => token.ToStringValue().ToUpperInvariant();

    private static SourceSpan Span(Token<TokenKind> token) => ParserState.SpanOf(token);

    private static SourceSpan Cover(Token<TokenKind> first, Token<TokenKind> last) =>
        SourceSpan.FromBounds(first.Span.Position.Absolute, last.Span.Position.Absolute + last.Span.Length);
}
