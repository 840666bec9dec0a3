using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>
/// One error per text: its code, the span marked in the SQL, and the message word for word.
/// The span is marked with [brackets]; SQL with a vector literal marks it with {braces} instead.
/// </summary>
public sealed class ParserErrorMessageTests
{
    public static readonly TheoryData<string, ErrorCode, string> Cases = new()
    {
        // Syntax errors point at the token the grammar does not allow.
        { "SELECT id FROM docs WHERE (price < 10 [LIMIT] 5", ErrorCode.SyntaxError, "expected ')' but found 'LIMIT'" },
        { "select id from docs where (price < 10 [limit] 5", ErrorCode.SyntaxError, "expected ')' but found 'limit'" },
        { "[SELEC] * FROM t", ErrorCode.SyntaxError, "expected a statement but found identifier SELEC" },
        { "SELECT [FROM] t", ErrorCode.SyntaxError, "expected '*' or an expression but found 'FROM'" },
        { "SELECT * FROM [order]", ErrorCode.SyntaxError,
            "expected a table name but found 'order'; 'order' is a reserved keyword; write \"order\" to use it as a name" },
        { "SELECT a AS [FROM] t", ErrorCode.SyntaxError,
            "expected an alias but found 'FROM'; 'FROM' is a reserved keyword; write \"FROM\" to use it as a name" },
        { "SELECT f(a [b])", ErrorCode.SyntaxError, "expected ')' or ',' but found identifier b" },
        { "SELECT sum([*])", ErrorCode.SyntaxError, "expected an expression or ')' but found '*'" },
        { "SELECT a b [c] FROM t", ErrorCode.SyntaxError, "expected end of statement but found identifier c" },
        { "SELECT 1 [SELECT] 2", ErrorCode.SyntaxError, "expected end of statement but found 'SELECT'" },
        { "SELECT a FROM t WHERE a NOT [5]", ErrorCode.SyntaxError, "expected 'BETWEEN', 'IN' or 'LIKE' but found number 5" },
        { "SELECT a IS [5]", ErrorCode.SyntaxError, "expected 'NOT' or 'NULL' but found number 5" },
        { "SELECT a IS NOT [5]", ErrorCode.SyntaxError, "expected 'NULL' but found number 5" },
        { "SELECT a IS NOT [TRUE]", ErrorCode.NotYetSupported, "IS TRUE is not supported yet; compare with = TRUE" },
        { "SELECT a BETWEEN 1 [OR] 2", ErrorCode.SyntaxError, "expected 'AND' but found 'OR'" },
        { "SELECT a IN [1]", ErrorCode.SyntaxError, "expected '(' but found number 1" },
        { "SELECT a FROM t WHERE t.[*] = 1", ErrorCode.SyntaxError, "expected a column name but found '*'" },
        { "SELECT a FROM t LIMIT [WITH] (m = 1)", ErrorCode.SyntaxError, "expected an expression but found 'WITH'" },
        { "SELECT a FROM t WITH (ef_search [128])", ErrorCode.SyntaxError, "expected '=' but found number 128" },
        { "SELECT a FROM t WITH (ef_search = [abc])", ErrorCode.SyntaxError, "expected a literal value but found identifier abc" },
        { "SELECT a FROM t ORDER [a]", ErrorCode.SyntaxError, "expected 'BY' but found identifier a" },
        { "SELECT [1, {]}", ErrorCode.SyntaxError, "expected a number or a parameter but found ']'" },
        { "SELECT [1 {2}]", ErrorCode.SyntaxError, "expected ']' or ',' but found number 2" },
        { "SELECT [{x}]", ErrorCode.SyntaxError, "expected a number or a parameter but found identifier x" },
        { "SELECT 'a' || [@] FROM t", ErrorCode.UnexpectedCharacter, "expected a parameter name after '@'" },
        { "CREATE [TABLES] v", ErrorCode.SyntaxError, "expected 'TABLE' or 'INDEX' but found identifier TABLES" },
        { "[CREATE VIEW] v", ErrorCode.NotYetSupported, "CREATE VIEW is not supported yet" },
        { "DROP [TABLES] v", ErrorCode.SyntaxError, "expected 'TABLE' or 'INDEX' but found identifier TABLES" },
        { "[DROP VIEW] v", ErrorCode.NotYetSupported, "DROP VIEW is not supported yet: VecStore has no views or triggers" },
        { "CREATE TABLE IF [EXISTS] t (a INTEGER)", ErrorCode.SyntaxError, "expected 'NOT' but found 'EXISTS'" },
        { "CREATE TABLE t (a [VARCHAR])", ErrorCode.SyntaxError,
            "expected 'INTEGER', 'REAL', 'TEXT', 'BLOB', 'BOOLEAN', 'VECTOR' or 'BIT' but found identifier VARCHAR" },
        { "CREATE TABLE t (v VECTOR(3) METRIC [euclid])", ErrorCode.SyntaxError,
            "expected 'l2', 'cosine', 'ip', 'l1', 'hamming' or 'jaccard' but found identifier euclid" },
        { "CREATE TABLE t (v VECTOR(3) METRIC [\"cosine\"])", ErrorCode.SyntaxError,
            "expected 'l2', 'cosine', 'ip', 'l1', 'hamming' or 'jaccard' but found identifier \"cosine\"" },
        { "CREATE TABLE t (v VECTOR([-]3))", ErrorCode.SyntaxError, "expected the number of dimensions but found '-'" },
        { "CREATE TABLE t (a INTEGER [b] INTEGER)", ErrorCode.SyntaxError, "expected ')' or ',' but found identifier b" },
        { "CREATE TABLE t (a INTEGER DEFAULT [a])", ErrorCode.SyntaxError, "expected a literal value or a vector but found identifier a" },
        { "CREATE TABLE t (a INTEGER PRIMARY [(]a))", ErrorCode.SyntaxError, "expected 'KEY' but found '('" },
        { "CREATE INDEX i ON t USING [BTREE] (v)", ErrorCode.SyntaxError, "expected 'FLAT', 'IVF', 'IVFPQ' or 'HNSW' but found identifier BTREE" },
        { "CREATE INDEX i ON t [WITH] (m = 1)", ErrorCode.SyntaxError, "expected 'USING' or '(' but found 'WITH'" },
        { "CREATE INDEX i ON t USING HNSW (v[,] w)", ErrorCode.SyntaxError, "expected ')' but found ','" },
        { "INSERT INTO t [WHERE] 1", ErrorCode.SyntaxError, "expected '(', 'VALUES' or 'SELECT' but found 'WHERE'" },
        { "INSERT INTO t (a) [(]1)", ErrorCode.SyntaxError, "expected 'VALUES' or 'SELECT' but found '('" },
        { "INSERT INTO t VALUES (1) ON CONFLICT (a) [SET] a = 1", ErrorCode.SyntaxError, "expected 'DO' but found 'SET'" },
        { "INSERT INTO t VALUES (1) ON CONFLICT DO [DELETE]", ErrorCode.SyntaxError, "expected 'NOTHING' or 'UPDATE' but found 'DELETE'" },
        { "UPDATE t SET a [+]= 1", ErrorCode.SyntaxError, "expected '=' but found '+'" },
        { "DELETE [docs]", ErrorCode.SyntaxError, "expected 'FROM' but found identifier docs" },
        { "EXPLAIN [CREATE] TABLE t (a INTEGER)", ErrorCode.SyntaxError, "expected 'SELECT', 'INSERT', 'UPDATE' or 'DELETE' but found 'CREATE'" },
        { "BACKUP TO [path]", ErrorCode.SyntaxError, "expected a string but found identifier path" },
        { "RESTORE [TO] 'a'", ErrorCode.SyntaxError, "expected 'FROM' but found 'TO'" },
        { "BEGIN [WORK]", ErrorCode.SyntaxError, "expected end of statement but found identifier WORK" },
        { "SELECT a FROM t WHERE x = [;]", ErrorCode.SyntaxError, "expected an expression but found ';'" },

        // At the end of the input the span is empty and sits just past the last token.
        { "SELECT id FROM docs WHERE[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected an expression" },
        { "SELECT id FROM docs WHERE[]  -- nothing follows\n", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected an expression" },
        { "SELECT count(a, b[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected ')' or ','" },
        { "CREATE TABLE t (a INTEGER[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected ')' or ','" },
        { "INSERT INTO t VALUES (1, 2[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected ')' or ','" },
        { "SELECT (1 + 2[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected ')'" },
        { "SELECT *\nFROM[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected a table name" },
        { "DROP TABLE IF[]", ErrorCode.UnexpectedEndOfInput, "unexpected end of input, expected 'EXISTS'" },

        // Lexical errors; the parser adds nothing for what a dropped token explains.
        { "SELECT [#] FROM t", ErrorCode.UnexpectedCharacter, "unexpected character '#'" },
        { "SELECT a [§¶] FROM t", ErrorCode.UnexpectedCharacter, "unexpected characters '§¶'" },
        { "SELECT a [\u0001] FROM t", ErrorCode.UnexpectedCharacter, "unexpected character U+0001" },
        { "SELECT a [\u200B] FROM t", ErrorCode.UnexpectedCharacter, "unexpected character U+200B" },
        { "SELECT a [|] b", ErrorCode.UnexpectedCharacter, "unexpected character '|'" },
        { "SELECT a [!] b", ErrorCode.UnexpectedCharacter, "unexpected character '!'" },
        { "SELECT caf[é] FROM t", ErrorCode.UnexpectedCharacter, "unexpected character 'é'" },
        { "SELECT [']abc", ErrorCode.UnterminatedString, "string literal is missing its closing quote (')" },
        { "INSERT INTO t VALUES ([']abc)", ErrorCode.UnterminatedString, "string literal is missing its closing quote (')" },
        { "SELECT 1 [/*] abc", ErrorCode.UnterminatedComment, "comment is missing its closing '*/'" },
        { "SELECT [\"]abc FROM t", ErrorCode.UnterminatedIdentifier, "quoted identifier is missing its closing quote (\")" },
        { "SELECT [\"\"] FROM t", ErrorCode.EmptyIdentifier, "a quoted identifier cannot be empty" },
        { "SELECT [12abc]", ErrorCode.InvalidNumber, "'12abc' is not a valid number" },
        { "SELECT [99999999999999999999]", ErrorCode.InvalidNumber,
            "integer 99999999999999999999 is out of range; integers are 64-bit, from -9223372036854775808 to 9223372036854775807" },
        { "SELECT [-9223372036854775809]", ErrorCode.InvalidNumber,
            "integer -9223372036854775809 is out of range; integers are 64-bit, from -9223372036854775808 to 9223372036854775807" },
        { "CREATE TABLE t (v VECTOR([99999999999999999999]))", ErrorCode.InvalidNumber,
            "integer 99999999999999999999 is out of range; integers are 64-bit, from -9223372036854775808 to 9223372036854775807" },
        { "SELECT [1e999]", ErrorCode.InvalidNumber, "real number 1e999 is out of range" },
        { "SELECT [x'0g']", ErrorCode.InvalidBlobLiteral, "blob literal x'0g' contains 'g', which is not a hexadecimal digit" },
        { "SELECT [x'abc']", ErrorCode.InvalidBlobLiteral, "blob literal x'abc' has an odd number of hexadecimal digits; each byte takes two" },

        // Limits.
        { "SELECT " + new string('(', SqlParser.MaxNestingDepth) + "[(]1" + new string(')', SqlParser.MaxNestingDepth + 1),
            ErrorCode.NestingTooDeep, "expression is nested too deeply; the limit is 200 levels of parentheses" },
        { "SELECT [NOT] " + string.Concat(Enumerable.Repeat("NOT ", SqlParser.MaxExpressionDepth - 1)) + "TRUE",
            ErrorCode.NestingTooDeep, "expression is too deep; its tree may be at most 1000 levels deep" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_reports_the_error_with_its_code_span_and_message(string annotated, ErrorCode code, string message)
    {
        var sql = annotated.Contains('{') ? AnnotatedSql.Parse(annotated, '{', '}') : AnnotatedSql.Parse(annotated);

        var error = Assert.Single(SqlParser.Parse(sql.Text).Diagnostics);

        Assert.Equal(code, error.Code);
        Assert.Equal(new SourceSpan(sql.Span.Start, sql.Span.Length), error.Span);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_accepts_the_deepest_nesting_and_expression_allowed()
    {
        string nested = "SELECT " + new string('(', SqlParser.MaxNestingDepth) + "1" + new string(')', SqlParser.MaxNestingDepth);
        string deep = "SELECT " + string.Concat(Enumerable.Repeat("NOT ", SqlParser.MaxExpressionDepth - 2)) + "TRUE";

        Assert.Empty(SqlParser.Parse(nested).Diagnostics);
        Assert.Empty(SqlParser.Parse(deep).Diagnostics);
    }

    [Fact]
    public void Parse_reports_a_long_chain_of_operators_at_the_operator_that_is_too_deep()
    {
        string sql = "SELECT 1" + string.Concat(Enumerable.Repeat(" + 1", SqlParser.MaxExpressionDepth));

        var error = Assert.Single(SqlParser.Parse(sql).Diagnostics);

        Assert.Equal(ErrorCode.NestingTooDeep, error.Code);
        Assert.Equal(new SourceSpan(sql.Length - 3, 1), error.Span);
    }

    [Fact]
    public void Parse_survives_nesting_far_beyond_the_limit()
    {
        string sql = "SELECT " + new string('(', 20_000) + "1" + new string(')', 20_000) + "; SELECT [" + new string('[', 20_000);

        var result = SqlParser.Parse(sql);

        Assert.Equal([ErrorCode.NestingTooDeep, ErrorCode.SyntaxError], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Parse_reports_a_statement_longer_than_the_limit_at_its_first_token()
    {
        string longSelect = "SELECT " + new string('a', SqlParser.MaxStatementLength - 6);
        string sql = "SELECT 1; " + longSelect + "; SELECT 2";

        var result = SqlParser.Parse(sql);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCode.StatementTooLong, error.Code);
        Assert.Equal(new SourceSpan(10, 6), error.Span);
        Assert.Equal("statement is 1,000,001 characters long; the limit is 1,000,000", error.Message);
        Assert.Equal(2, result.Statements.Count);
    }

    [Fact]
    public void Parse_accepts_a_statement_as_long_as_the_limit()
    {
        string sql = "SELECT " + new string('a', SqlParser.MaxStatementLength - 7);

        var result = SqlParser.Parse(sql);

        Assert.Empty(result.Diagnostics);
    }
}
