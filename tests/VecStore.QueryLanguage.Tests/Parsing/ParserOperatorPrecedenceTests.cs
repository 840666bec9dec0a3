using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class ParserOperatorPrecedenceTests
{
    [Theory]
    [InlineData("a OR b AND c", "(a OR (b AND c))")]
    [InlineData("a AND b OR c", "((a AND b) OR c)")]
    [InlineData("NOT a AND b", "((NOT a) AND b)")]
    [InlineData("NOT a = b", "(NOT (a = b))")]
    [InlineData("NOT NOT a", "(NOT (NOT a))")]
    [InlineData("a = b AND c <> d", "((a = b) AND (c <> d))")]
    [InlineData("a < b + c", "(a < (b + c))")]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c", "((a * b) + c)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b % c * d", "(((a / b) % c) * d)")]
    [InlineData("a || b + c", "((a || b) + c)")]
    [InlineData("-a * b", "((- a) * b)")]
    [InlineData("- -a", "(- (- a))")]
    [InlineData("-(a + b)", "(- (a + b))")]
    [InlineData("(a OR b) AND c", "((a OR b) AND c)")]
    [InlineData("a = b = c", "((a = b) = c)")]
    public void Parse_groups_logical_and_arithmetic_operators_by_precedence(string expression, string grouping)
    {
        Assert.Equal(grouping, Grouping(expression));
    }

    [Theory]
    [InlineData("e <-> q < 0.5", "((e <-> q) < 0.5)")]
    [InlineData("e <=> q <= 0.5", "((e <=> q) <= 0.5)")]
    [InlineData("e <#> q > -1", "((e <#> q) > -1)")]
    [InlineData("e <+> q >= 2", "((e <+> q) >= 2)")]
    [InlineData("e <-> q + r", "(e <-> (q + r))")]
    [InlineData("e <-> q * 2", "(e <-> (q * 2))")]
    [InlineData("a <-> b <=> c", "((a <-> b) <=> c)")]
    [InlineData("e <-> q BETWEEN 0 AND 1", "((e <-> q) BETWEEN 0 AND 1)")]
    [InlineData("e <-> q IS NULL", "((e <-> q) IS NULL)")]
    public void Parse_binds_distance_operators_tighter_than_comparisons_and_looser_than_arithmetic(string expression, string grouping)
    {
        Assert.Equal(grouping, Grouping(expression));
    }

    [Theory]
    [InlineData("a BETWEEN 1 AND 2 AND b", "((a BETWEEN 1 AND 2) AND b)")]
    [InlineData("a BETWEEN b + 1 AND c * 2", "(a BETWEEN (b + 1) AND (c * 2))")]
    [InlineData("a NOT BETWEEN 1 AND 2", "(a NOT BETWEEN 1 AND 2)")]
    [InlineData("a IN (1, 2) OR b", "((a IN (1, 2)) OR b)")]
    [InlineData("a + 1 IN (b, c + 1)", "((a + 1) IN (b, (c + 1)))")]
    [InlineData("a LIKE 'x%' AND b", "((a LIKE 'x%') AND b)")]
    [InlineData("a LIKE b || '%' ESCAPE '!'", "(a LIKE (b || '%') ESCAPE '!')")]
    [InlineData("a IS NOT NULL AND b IS NULL", "((a IS NOT NULL) AND (b IS NULL))")]
    [InlineData("a = b IS NULL", "((a = b) IS NULL)")]
    [InlineData("NOT a IN (1)", "(NOT (a IN (1)))")]
    [InlineData("NOT a NOT LIKE 'x'", "(NOT (a NOT LIKE 'x'))")]
    public void Parse_reads_predicates_at_the_level_of_comparisons(string expression, string grouping)
    {
        Assert.Equal(grouping, Grouping(expression));
    }

    [Theory]
    [InlineData("-5 * 2", "(-5 * 2)")]
    [InlineData("1 - -5", "(1 - -5)")]
    [InlineData("- - 5", "(- -5)")]
    [InlineData("+5", "5")]
    [InlineData("2 * -3.5", "(2 * -3.5)")]
    public void Parse_folds_a_sign_into_the_number_after_it(string expression, string grouping)
    {
        Assert.Equal(grouping, Grouping(expression));
    }
}
