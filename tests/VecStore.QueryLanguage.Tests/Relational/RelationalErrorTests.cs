using static VecStore.QueryLanguage.Tests.Errors.ErrorAssert;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// Mistakes in joins, grouping, subqueries and vector expressions are VecStoreExceptions with their
/// code and the caret on the text at fault (marked in braces), and change nothing.
/// </summary>
public sealed class RelationalErrorTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public RelationalErrorTests()
    {
        _connection.Open();
        Execute(_connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, price REAL)");
        Execute(_connection, "CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER, emb VECTOR(3), small VECTOR(2), h VECTOR(3) HALF, t TEXT)");
        Execute(_connection, "INSERT INTO docs VALUES (1, 'a', 1.5), (2, 'b', 2.5)");
        Execute(_connection, "INSERT INTO chunks VALUES (10, 1, [1, 0, 0], [1, 0], [1, 0, 0], '[1, 2]')");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void An_ambiguous_column_points_at_the_reference_and_names_both_tables()
        => Fails(_connection, "SELECT {id} FROM docs JOIN chunks ON chunks.doc_id = docs.id", ErrorCode.AmbiguousName,
            "column 'id' is ambiguous: both 'docs' and 'chunks' have it; write docs.id or chunks.id");

    [Fact]
    public void The_same_table_twice_without_an_alias_is_ambiguous()
        => Fails(_connection, "SELECT docs.id FROM docs, {docs}", ErrorCode.AmbiguousName,
            "'docs' names two tables in this FROM clause; give one of them an alias");

    [Fact]
    public void An_unknown_qualifier_is_an_unknown_table()
        => Fails(_connection, "SELECT {x}.id FROM docs d JOIN chunks c ON c.doc_id = d.id", ErrorCode.UnknownTable,
            "no table or alias named 'x' in this statement");

    [Fact]
    public void A_table_hidden_by_its_alias_is_not_a_qualifier()
        => Fails(_connection, "SELECT {docs}.id FROM docs d JOIN chunks c ON c.doc_id = d.id", ErrorCode.UnknownTable,
            "no table or alias named 'docs' in this statement");

    [Fact]
    public void An_aggregate_in_WHERE_is_refused_at_the_call()
        => Fails(_connection, "SELECT doc_id FROM chunks WHERE {count(*)} > 1 GROUP BY doc_id", ErrorCode.AggregateMisuse,
            "aggregate functions are not allowed in WHERE; filter groups with HAVING");

    [Fact]
    public void An_aggregate_in_ON_is_refused_at_the_call()
        => Fails(_connection, "SELECT d.id FROM docs d JOIN chunks c ON {max(c.id)} = d.id", ErrorCode.AggregateMisuse,
            "aggregate functions are not allowed in ON; filter groups with HAVING");

    [Fact]
    public void A_nested_aggregate_is_refused_at_the_inner_call()
        => Fails(_connection, "SELECT sum({avg(price)}) FROM docs", ErrorCode.AggregateMisuse,
            "aggregate calls cannot be nested: avg() is inside another aggregate");

    [Fact]
    public void HAVING_without_grouping_is_refused()
        => Fails(_connection, "SELECT id FROM docs HAVING {price > 1}", ErrorCode.AggregateMisuse,
            "HAVING filters groups: add GROUP BY, or an aggregate");

    [Fact]
    public void A_vector_where_a_number_belongs_is_a_type_mismatch()
        => Fails(_connection, "SELECT d.id FROM docs d JOIN chunks c ON c.doc_id = d.id WHERE c.emb + {1} > 2", ErrorCode.TypeMismatch,
            "+ with a vector takes another vector, not INTEGER");

    [Fact]
    public void A_sum_of_text_is_a_type_mismatch()
        => Fails(_connection, "SELECT sum({title}) FROM docs GROUP BY id", ErrorCode.TypeMismatch, "sum() adds numbers, not TEXT");

    [Fact]
    public void Vectors_of_different_lengths_across_a_join_point_at_the_second()
        => Fails(_connection, "SELECT c.emb <-> {k.small} FROM chunks c JOIN chunks k ON k.id = c.id", ErrorCode.DimensionMismatch,
            "<-> compares vectors of one length, and c.emb is VECTOR(3) while k.small is VECTOR(2)");

    [Fact]
    public void Arithmetic_on_vectors_of_two_element_types_asks_for_a_cast()
        => Fails(_connection, "SELECT {emb + h} FROM chunks", ErrorCode.TypeMismatch,
            "+ needs two vectors of one type, not VECTOR(3) and VECTOR(3) HALF; CAST one of them");

    [Fact]
    public void A_set_operation_of_different_widths_points_at_the_second_select()
        => Fails(_connection, "SELECT id, title FROM docs UNION {SELECT id FROM chunks}", ErrorCode.ValueCountMismatch,
            "UNION combines SELECTs of one width, and this one returns 1 columns where the first returns 2");

    [Fact]
    public void A_subquery_used_as_a_value_returns_one_column()
        => Fails(_connection, "SELECT id FROM docs WHERE id IN ({SELECT doc_id, id FROM chunks})", ErrorCode.ValueCountMismatch,
            "IN (SELECT ...) returns one column, and this SELECT returns 2");

    [Fact]
    public void A_cast_literal_of_the_wrong_length_points_at_the_text()
        => Fails(_connection, "SELECT CAST({'[1, 2]'} AS VECTOR(3))", ErrorCode.DimensionMismatch,
            "VECTOR(3) has 3 dimensions, and '[1, 2]' holds 2");

    [Fact]
    public void Search_options_on_a_relational_select_are_refused()
        => Fails(_connection, "SELECT d.id FROM docs d JOIN chunks c ON c.doc_id = d.id ORDER BY c.emb <-> [1, 0, 0] LIMIT 1 WITH ({ef_search} = 10)", ErrorCode.UnsupportedOperation,
            "search options (WITH (...)) tune a nearest-neighbour search of one table; a search inside a SELECT that joins, groups or nests takes the strategy the cost model chooses and the index's default breadth");

    [Fact]
    public void A_text_column_of_the_wrong_length_fails_when_the_statement_runs_and_changes_nothing()
    {
        Execute(_connection, "BEGIN");
        Execute(_connection, "DELETE FROM docs WHERE id = 1");
        var error = Assert.Throws<VecStoreException>(() => Execute(_connection, "SELECT CAST(t AS VECTOR(3)) FROM chunks c JOIN docs d ON d.id = c.id OR c.id = 10"));
        Assert.Equal(ErrorCode.DimensionMismatch, error.Code);
        Assert.Equal("VECTOR(3) takes 3 elements, and the text holds 2", error.Reason);
        Execute(_connection, "COMMIT");
        Assert.Equal(1, Count(_connection, "docs"));
    }

    [Fact]
    public void A_failed_statement_in_a_transaction_leaves_the_rows_as_they_were()
    {
        Execute(_connection, "BEGIN");
        Execute(_connection, "INSERT INTO docs VALUES (3, 'c', 3.5)");
        Fails(_connection, "DELETE FROM docs WHERE id IN (SELECT doc_id FROM chunks WHERE {count(*)} > 0)", ErrorCode.AggregateMisuse);
        Execute(_connection, "COMMIT");
        Assert.Equal(3, Count(_connection, "docs"));
    }
}
