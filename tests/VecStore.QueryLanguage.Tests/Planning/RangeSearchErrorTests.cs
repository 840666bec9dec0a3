using static VecStore.QueryLanguage.Tests.Errors.ErrorAssert;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>A range search whose distance or limits are wrong is refused at the text that is wrong. (Any other condition on a distance is evaluated by SQLite: DistanceConditionTests.)</summary>
public sealed class RangeSearchErrorTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public RangeSearchErrorTests()
    {
        _connection.Open();
        Execute(_connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, v VECTOR(3))");
        Execute(_connection, "INSERT INTO docs VALUES (1, 'one', 1.5, [1, 0, 0]), (2, 'two', 2.5, [0, 1, 0])");
    }

    public void Dispose() => _connection.Dispose();

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
}
