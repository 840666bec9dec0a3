using System.Reflection;
using System.Text.RegularExpressions;
using VecStore.QueryLanguage.Parsing;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>Parser.cs follows grammar/vecsql.ebnf rule for rule: same names, and each method quotes its rule.</summary>
public sealed partial class ParserGrammarConformanceTests
{
    /// <summary>Rules the tokenizer implements (lexical rules) or that list keywords (see Keywords.cs).</summary>
    private static readonly HashSet<string> NotParserRules =
    [
        "ReservedKeyword", "NonReservedKeyword", "Whitespace", "WhitespaceCharacter", "Comment", "Identifier",
        "QuotedIdentifier", "IntegerLiteral", "RealLiteral", "Exponent", "Digit", "StringLiteral", "BlobLiteral",
        "HexDigit", "NamedParameter",
    ];

    /// <summary>Parser methods that are helpers, not grammar rules.</summary>
    private static readonly HashSet<string> Helpers = ["Binary", "Limited", "StartsExpression", "StartsDataType", "EnterParenthesis", "StringValue"];

    [Fact]
    public void Parser_has_one_method_per_syntactic_rule_and_no_other()
    {
        var rules = GrammarRules().Keys.Where(rule => !NotParserRules.Contains(rule)).Order().ToList();
        var methods = typeof(SqlParser).Assembly.GetType("VecStore.QueryLanguage.Parsing.Parser")!
            .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName && !method.Name.Contains('<') && !Helpers.Contains(method.Name))
            .Select(method => method.Name)
            .Distinct()
            .Order();

        Assert.True(rules.Count > 60, $"Found only {rules.Count} rules in the grammar");
        Assert.Equal(rules, methods);
    }

    [Fact]
    public void Each_parser_rule_quotes_its_grammar_rule_in_a_comment()
    {
        var grammar = GrammarRules();
        string code = File.ReadAllText(RepositoryFile("src", "QueryLanguage", "Parsing", "Parser.cs"))
            + File.ReadAllText(RepositoryFile("src", "QueryLanguage", "Parsing", "Parser.Expressions.cs"));

        var quoted = RuleComment().Matches(code).ToDictionary(
            match => match.Groups["name"].Value,
            match => Normalize(string.Concat(match.Groups["body"].Captures.Select(c => c.Value + " "))));

        Assert.True(quoted.Count > 60, $"Found only {quoted.Count} rule comments in the parser");
        foreach (var (name, body) in grammar.Where(rule => !NotParserRules.Contains(rule.Key)))
        {
            Assert.True(quoted.TryGetValue(name, out var comment), $"Parser.{name} has no '// {name} ::= ...' comment");
            Assert.Equal(body, comment);
        }
    }

    /// <summary>Each rule of the grammar with its definition, comments removed and whitespace collapsed.</summary>
    private static Dictionary<string, string> GrammarRules()
    {
        string grammar = BlockComment().Replace(File.ReadAllText(RepositoryFile("grammar", "vecsql.ebnf")), " ");
        return RuleDefinition().Matches(grammar).ToDictionary(
            match => match.Groups["name"].Value,
            match => Normalize(match.Groups["body"].Value));
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    private static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "grammar", "vecsql.ebnf")))
            directory = directory.Parent;
        return Path.Combine([directory?.FullName ?? throw new DirectoryNotFoundException("repository root"), .. parts]);
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"^(?<name>[A-Za-z]+) ::=(?<body>(?:.(?!^[A-Za-z]+ ::=))*)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RuleDefinition();

    [GeneratedRegex(@"^ *// (?<name>[A-Za-z]+) ::=(?<body>[^\n]*)\n(?: *//(?<body>[^\n]*)\n)*", RegexOptions.Multiline)]
    private static partial Regex RuleComment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
