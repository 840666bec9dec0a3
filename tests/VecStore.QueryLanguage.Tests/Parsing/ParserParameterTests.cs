using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class ParserParameterTests
{
    [Theory]
    [InlineData("@q", "q", '@')]
    [InlineData("$query", "query", '$')]
    [InlineData("@Q_2", "Q_2", '@')]
    public void Parse_reads_a_named_parameter_without_its_prefix(string text, string name, char prefix)
    {
        var parameter = Assert.IsType<ParameterExpression>(ParseExpression(text));

        Assert.Equal((name, prefix, (int?)null, false), (parameter.Name, parameter.Prefix, parameter.Position, parameter.IsPositional));
    }

    [Fact]
    public void Parse_numbers_positional_parameters_in_order_across_all_statements()
    {
        var result = SqlParser.Parse("SELECT ? FROM t WHERE a = ? AND b = @b; INSERT INTO t VALUES (?, [?, 1])");

        var positions = Parameters(result).Where(p => p.IsPositional).Select(p => p.Position);

        Assert.Equal([0, 1, 2, 3], positions);
        Assert.Equal(4, result.PositionalParameterCount);
    }

    [Fact]
    public void Parse_numbers_positional_parameters_by_text_order_when_a_statement_before_them_fails()
    {
        var result = SqlParser.Parse("SELECT ?, ? FROM; SELECT ?");

        var parameter = Assert.IsType<ParameterExpression>(
            Assert.IsType<ExpressionSelectItem>(Assert.IsType<SelectStatement>(Assert.Single(result.Statements)).Items[0]).Expression);

        Assert.Equal(2, parameter.Position);
        Assert.Equal(3, result.PositionalParameterCount);
    }

    [Fact]
    public void Parse_counts_no_positional_parameters_in_a_text_without_them()
    {
        Assert.Equal(0, SqlParser.Parse("SELECT @a, $b").PositionalParameterCount);
    }

    private static IEnumerable<ParameterExpression> Parameters(ParseResult result)
    {
        foreach (var statement in result.Statements)
        {
            var expressions = statement switch
            {
                SelectStatement s => s.Items.OfType<ExpressionSelectItem>().Select(i => i.Expression).Append(s.Where!),
                InsertStatement s => s.Rows.SelectMany(r => r.Values),
                _ => [],
            };
            foreach (var parameter in expressions.SelectMany(Walk).OfType<ParameterExpression>())
                yield return parameter;
        }
    }

    private static IEnumerable<Expression> Walk(Expression expression)
    {
        yield return expression;
        var children = expression switch
        {
            BinaryExpression b => [b.Left, b.Right],
            VectorLiteralExpression v => v.Elements,
            _ => Array.Empty<Expression>(),
        };
        foreach (var child in children.SelectMany(Walk))
            yield return child;
    }
}
