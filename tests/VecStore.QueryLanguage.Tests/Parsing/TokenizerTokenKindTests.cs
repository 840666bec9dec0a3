using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerTokenKindTests
{
    /// <summary>At least one text per <see cref="TokenKind"/>; the coverage test below keeps it complete.</summary>
    public static readonly TheoryData<string, TokenKind> Examples = new()
    {
        { "docs", TokenKind.Identifier },
        { "_id2", TokenKind.Identifier },
        { "\"Order Lines\"", TokenKind.QuotedIdentifier },
        { "42", TokenKind.IntegerLiteral },
        { "0.5", TokenKind.RealLiteral },
        { "'it''s'", TokenKind.StringLiteral },
        { "x'00ff'", TokenKind.BlobLiteral },
        { "@q", TokenKind.NamedParameter },
        { "$q", TokenKind.NamedParameter },
        { "?", TokenKind.PositionalParameter },
        { "(", TokenKind.LeftParen },
        { ")", TokenKind.RightParen },
        { "[", TokenKind.LeftBracket },
        { "]", TokenKind.RightBracket },
        { ",", TokenKind.Comma },
        { ";", TokenKind.Semicolon },
        { ".", TokenKind.Dot },
        { "+", TokenKind.Plus },
        { "-", TokenKind.Minus },
        { "*", TokenKind.Star },
        { "/", TokenKind.Slash },
        { "%", TokenKind.Percent },
        { "||", TokenKind.Concat },
        { "=", TokenKind.Equal },
        { "==", TokenKind.Equal },
        { "<>", TokenKind.NotEqual },
        { "!=", TokenKind.NotEqual },
        { "<", TokenKind.Less },
        { "<=", TokenKind.LessOrEqual },
        { ">", TokenKind.Greater },
        { ">=", TokenKind.GreaterOrEqual },
        { "<->", TokenKind.L2Distance },
        { "<=>", TokenKind.CosineDistance },
        { "<#>", TokenKind.NegativeInnerProduct },
        { "<+>", TokenKind.L1Distance },
        { "<~>", TokenKind.HammingDistance },
        { "<%>", TokenKind.JaccardDistance },
        { "bit", TokenKind.Bit },
        { "Alter", TokenKind.Alter },
        { "add", TokenKind.Add },
        { "COLUMN", TokenKind.Column },
        { "rename", TokenKind.Rename },
        { "and", TokenKind.And },
        { "as", TokenKind.As },
        { "between", TokenKind.Between },
        { "by", TokenKind.By },
        { "create", TokenKind.Create },
        { "default", TokenKind.Default },
        { "delete", TokenKind.Delete },
        { "drop", TokenKind.Drop },
        { "escape", TokenKind.Escape },
        { "exists", TokenKind.Exists },
        { "explain", TokenKind.Explain },
        { "false", TokenKind.False },
        { "from", TokenKind.From },
        { "if", TokenKind.If },
        { "in", TokenKind.In },
        { "insert", TokenKind.Insert },
        { "into", TokenKind.Into },
        { "is", TokenKind.Is },
        { "like", TokenKind.Like },
        { "limit", TokenKind.Limit },
        { "not", TokenKind.Not },
        { "null", TokenKind.Null },
        { "offset", TokenKind.Offset },
        { "on", TokenKind.On },
        { "or", TokenKind.Or },
        { "order", TokenKind.Order },
        { "primary", TokenKind.Primary },
        { "select", TokenKind.Select },
        { "set", TokenKind.Set },
        { "table", TokenKind.Table },
        { "true", TokenKind.True },
        { "update", TokenKind.Update },
        { "using", TokenKind.Using },
        { "values", TokenKind.Values },
        { "where", TokenKind.Where },
        { "with", TokenKind.With },
        { "analyze", TokenKind.Analyze },
        { "asc", TokenKind.Asc },
        { "backup", TokenKind.Backup },
        { "begin", TokenKind.Begin },
        { "blob", TokenKind.Blob },
        { "boolean", TokenKind.Boolean },
        { "check", TokenKind.Check },
        { "checkpoint", TokenKind.Checkpoint },
        { "commit", TokenKind.Commit },
        { "desc", TokenKind.Desc },
        { "end", TokenKind.End },
        { "flat", TokenKind.Flat },
        { "half", TokenKind.Half },
        { "hnsw", TokenKind.Hnsw },
        { "index", TokenKind.Index },
        { "integer", TokenKind.Integer },
        { "ivf", TokenKind.Ivf },
        { "ivfpq", TokenKind.IvfPq },
        { "key", TokenKind.Key },
        { "metric", TokenKind.Metric },
        { "real", TokenKind.Real },
        { "restore", TokenKind.Restore },
        { "rollback", TokenKind.Rollback },
        { "text", TokenKind.Text },
        { "to", TokenKind.To },
        { "transaction", TokenKind.Transaction },
        { "vacuum", TokenKind.Vacuum },
        { "vector", TokenKind.Vector },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Tokenize_yields_one_token_of_the_kind_for_its_example(string text, TokenKind kind)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal(kind, token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Fact]
    public void Examples_cover_every_token_kind()
    {
        var tested = Examples.Select(row => (TokenKind)row[1]).ToHashSet();

        var untested = Enum.GetValues<TokenKind>().Where(kind => !tested.Contains(kind)).ToList();

        Assert.True(untested.Count == 0, "TokenKinds without a tokenizer test: " + string.Join(", ", untested));
    }

    [Fact]
    public void Tokenize_separates_tokens_by_whitespace_of_any_kind()
    {
        var tokens = LexClean("a\tb\r\nc\u00A0d\u2003e");

        Assert.Equal(["a", "b", "c", "d", "e"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_records_absolute_offsets_across_lines()
    {
        var id = new Tokenizer().Tokenize("SELECT\n  id").Last();

        Assert.Equal(9, id.Span.Position.Absolute);
        Assert.Equal(2, id.Span.Position.Line);
        Assert.Equal(3, id.Span.Position.Column);
    }

    [Fact]
    public void Tokenize_reads_a_statement_as_its_tokens()
    {
        var tokens = LexClean("SELECT id FROM docs WHERE price<=10;");

        Assert.Equal(
            [TokenKind.Select, TokenKind.Identifier, TokenKind.From, TokenKind.Identifier, TokenKind.Where,
             TokenKind.Identifier, TokenKind.LessOrEqual, TokenKind.IntegerLiteral, TokenKind.Semicolon],
            tokens.Select(t => t.Kind));
    }
}
