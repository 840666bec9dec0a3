using static VecStore.QueryLanguage.Tests.Errors.ErrorAssert;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>A distance in a condition is a range search only as a top-level AND term compared with a number; anything else is refused at the text that breaks the rule.</summary>
public sealed class RangeSearchErrorTests : IDisposable
{
    private const string Rule =
        "a distance can be selected, ordered by, or compared with a number (<, <=, >, >= or BETWEEN) as a top-level AND term of WHERE; under OR or NOT, or inside another expression, it is not executed yet";

    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public RangeSearchErrorTests()
    {
        _connection.Open();
        Execute(_connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, v VECTOR(3))");
        Execute(_connection, "INSERT INTO docs VALUES (1, 'one', 1.5, [1, 0, 0]), (2, 'two', 2.5, [0, 1, 0])");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void A_distance_under_OR_is_refused_at_the_distance()
        => Fails(_connection, "SELECT id FROM docs WHERE {distance(v, [1, 0, 0])} < 0.5 OR price < 2", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_operator_under_OR_is_refused_at_the_operator_expression()
        => Fails(_connection, "SELECT id FROM docs WHERE price < 2 OR ({v <-> [1, 0, 0]} < 0.5 AND id > 1)", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_under_NOT_is_refused()
        => Fails(_connection, "SELECT id FROM docs WHERE NOT {l2_distance(v, [1, 0, 0])} < 0.5", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_inside_arithmetic_is_refused()
        => Fails(_connection, "SELECT id FROM docs WHERE {distance(v, [1, 0, 0])} * 2 < 0.5", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_compared_with_equals_is_refused()
        => Fails(_connection, "SELECT id FROM docs WHERE {distance(v, [1, 0, 0])} = 0", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_inside_a_selected_expression_is_refused()
        => Fails(_connection, "SELECT {distance(v, [1, 0, 0])} + 1 FROM docs", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void NOT_BETWEEN_on_a_distance_is_refused()
        => Fails(_connection, "SELECT id FROM docs WHERE {cosine_distance(v, [1, 0, 0])} NOT BETWEEN 0.1 AND 0.2", ErrorCode.NotYetSupported, Rule);

    [Fact]
    public void A_distance_compared_with_a_column_is_refused_at_the_column()
        => Fails(_connection, "SELECT id FROM docs WHERE distance(v, [1, 0, 0]) < {price}", ErrorCode.UnsupportedOperation,
            "a range search compares a distance with a number or a parameter, not with a column or an expression");

    [Fact]
    public void A_distance_compared_with_another_distance_is_refused_at_the_comparison()
        => Fails(_connection, "SELECT id FROM docs WHERE {distance(v, [1, 0, 0]) < distance(v, [0, 1, 0])}", ErrorCode.UnsupportedOperation,
            "a range search compares a distance with a number, not with another distance");

    [Fact]
    public void A_distance_compared_with_text_is_a_type_mismatch()
        => Fails(_connection, "SELECT id FROM docs WHERE distance(v, [1, 0, 0]) BETWEEN 0 AND {'far'}", ErrorCode.TypeMismatch,
            "a distance is compared with a number, not the text 'far'");

    [Fact]
    public void A_range_on_a_column_that_is_not_a_vector_is_refused()
        => Fails(_connection, "SELECT id FROM docs WHERE distance({price}, [1, 0, 0]) < 1", ErrorCode.InvalidDistanceCall, "column 'price' is REAL, not a vector");

    [Fact]
    public void A_range_limit_without_a_value_is_reported()
        => Fails(_connection, "SELECT id FROM docs WHERE distance(v, [1, 0, 0]) < {@r}", ErrorCode.MissingParameter, "no value was supplied for parameter @r");

    [Fact]
    public void A_refused_range_in_DELETE_deletes_nothing()
    {
        Fails(_connection, "DELETE FROM docs WHERE {distance(v, [1, 0, 0])} < 0.5 OR id = 2", ErrorCode.NotYetSupported, Rule);
        Assert.Equal(2, Count(_connection, "docs"));
    }
}
