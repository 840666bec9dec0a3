using VecStore.QueryLanguage.Parsing;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class TokenizerKeywordTests
{
    [Theory]
    [InlineData("select")]
    [InlineData("SELECT")]
    [InlineData("Select")]
    [InlineData("sElEcT")]
    public void Tokenize_reads_a_keyword_in_any_case(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal((TokenKind.Select, text), token);
    }

    [Fact]
    public void Tokenize_reads_every_keyword_spelling_in_lower_case()
    {
        foreach (string spelling in Keywords.All)
        {
            var token = Assert.Single(LexClean(spelling.ToLowerInvariant()));
            Assert.True(Keywords.IsKeyword(token.Kind), spelling);
        }
    }

    [Theory]
    [InlineData("selects")]
    [InlineData("_select")]
    [InlineData("select1")]
    [InlineData("ivfpq2")]
    public void Tokenize_reads_a_keyword_with_more_letters_as_an_identifier(string text)
    {
        var token = Assert.Single(LexClean(text));

        Assert.Equal(TokenKind.Identifier, token.Kind);
    }

    [Fact]
    public void Tokenize_reads_a_quoted_keyword_as_a_quoted_identifier()
    {
        var token = Assert.Single(LexClean("\"SELECT\""));

        Assert.Equal(TokenKind.QuotedIdentifier, token.Kind);
    }

    [Theory]
    [InlineData(TokenKind.Select, true)]
    [InlineData(TokenKind.Order, true)]
    [InlineData(TokenKind.Null, true)]
    [InlineData(TokenKind.Text, false)]
    [InlineData(TokenKind.Key, false)]
    [InlineData(TokenKind.End, false)]
    [InlineData(TokenKind.Identifier, false)]
    public void IsReserved_holds_for_keywords_that_cannot_be_names(TokenKind kind, bool reserved)
    {
        Assert.Equal(reserved, Keywords.IsReserved(kind));
    }

    [Fact]
    public void Keywords_match_the_reserved_and_non_reserved_lists_of_the_grammar()
    {
        string grammar = File.ReadAllText(GrammarPath());
        var reserved = Section(grammar, "ReservedKeyword ::=");
        var nonReserved = Section(grammar, "NonReservedKeyword ::=");

        Assert.Equal(reserved.Order(), Keywords.All.Where(k => Keywords.IsReserved(Kind(k))).Order());
        Assert.Equal(nonReserved.Order(), Keywords.All.Where(k => !Keywords.IsReserved(Kind(k))).Order());
    }

    private static TokenKind Kind(string keyword) => Keywords.TryGetKeyword(keyword, out var kind) ? kind : throw new ArgumentException(keyword);

    /// <summary>The quoted words of the grammar rule that starts with <paramref name="head"/>.</summary>
    private static IEnumerable<string> Section(string grammar, string head)
    {
        int start = grammar.IndexOf("\n" + head, StringComparison.Ordinal) + head.Length + 1;
        int end = grammar.IndexOf("\n\n", start, StringComparison.Ordinal);
        return grammar[start..end].Split('|').Select(word => word.Trim().Trim('\''));
    }

    private static string GrammarPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "grammar", "vecsql.ebnf")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new FileNotFoundException("grammar/vecsql.ebnf"), "grammar", "vecsql.ebnf");
    }
}
