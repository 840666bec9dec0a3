using System.Collections;
using System.Collections.ObjectModel;
using Dapper;
using Microsoft.Extensions.AI;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>
/// Vectors given as the .NET types applications hold them in bind as one vector, through plain
/// ADO.NET parameters and through Dapper (which would otherwise expand an enumerable into a list
/// of parameters), and bad ones fail with a code that points at the user's own text.
/// </summary>
public sealed class VectorParameterTypesTests
{
    // The stored rows: the nearest to [0.9, 0.1, 0] is id 1, to [0, 0.2, 0.9] is id 3.
    private static VecStoreConnection OpenWithDocs()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, v VECTOR(3))");
        connection.Execute("INSERT INTO docs VALUES (1, [1, 0, 0]), (2, [0, 1, 0]), (3, [0, 0, 1])");
        return connection;
    }

    private static readonly float[] Stored = [0.25f, -0.5f, 2f];
    private static readonly float[] NearThree = [0f, 0.2f, 0.9f];

    /// <summary>The same vectors, <see cref="Stored"/> and <see cref="NearThree"/>, as each type.</summary>
    public static TheoryData<string> TypeNames() =>
    [
        "float[]", "double[]", "Half[]", "List<float>", "List<double>", "IReadOnlyList<float>", "IList<float>",
        "Memory<float>", "ReadOnlyMemory<float>", "Embedding<float>", "Embedding<double>", "Embedding<Half>", "text",
    ];

    private static object As(string typeName, float[] v) => typeName switch
    {
        "float[]" => v.ToArray(),
        "double[]" => Array.ConvertAll(v, x => (double)x),
        "Half[]" => Array.ConvertAll(v, x => (Half)x),
        "List<float>" => new List<float>(v),
        "List<double>" => new List<double>(Array.ConvertAll(v, x => (double)x)),
        "IReadOnlyList<float>" => new ReadOnlyCollection<float>(v),
        "IList<float>" => new Collection<float>(v.ToList()),
        "Memory<float>" => new Memory<float>(v.ToArray()),
        "ReadOnlyMemory<float>" => new ReadOnlyMemory<float>(v.ToArray()),
        "Embedding<float>" => new Embedding<float>(v.ToArray()),
        "Embedding<double>" => new Embedding<double>(Array.ConvertAll(v, x => (double)x)),
        "Embedding<Half>" => new Embedding<Half>(Array.ConvertAll(v, x => (Half)x)),
        "text" => "[" + string.Join(", ", v.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Ado_net_parameter_binds_as_a_vector(string typeName)
    {
        using var connection = OpenWithDocs();
        using (var insert = new VecStoreCommand("INSERT INTO docs VALUES (4, @v)", connection))
        {
            insert.Parameters.AddWithValue("v", As(typeName, Stored));
            Assert.Equal(1, insert.ExecuteNonQuery());
        }
        Assert.Equal(Stored, connection.QuerySingle<float[]>("SELECT v FROM docs WHERE id = 4"));

        using var search = new VecStoreCommand("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", connection);
        search.Parameters.AddWithValue("q", As(typeName, NearThree));
        Assert.Equal(3L, search.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Dapper_parameter_binds_as_a_vector_not_a_list(string typeName)
    {
        using var connection = OpenWithDocs();
        Assert.Equal(1, connection.Execute("INSERT INTO docs VALUES (4, @v)", Parameter(typeName, "v", As(typeName, Stored))));
        Assert.Equal(Stored, connection.QuerySingle<float[]>("SELECT v FROM docs WHERE id = 4"));
        Assert.Equal(3L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", Parameter(typeName, "q", As(typeName, NearThree))));
    }

    // Dapper looks a handler up by the declared type of an anonymous object's property, and by the
    // value's own type in DynamicParameters: interfaces are declared, the other types added as values.
    private static object Parameter(string typeName, string name, object value)
    {
        switch (typeName)
        {
            case "IReadOnlyList<float>":
                return name == "v" ? new { v = (IReadOnlyList<float>)value } : new { q = (IReadOnlyList<float>)value };
            case "IList<float>":
                return name == "v" ? new { v = (IList<float>)value } : new { q = (IList<float>)value };
        }
        var parameters = new DynamicParameters();
        parameters.Add(name, value);
        return parameters;
    }

    [Fact]
    public void Dapper_anonymous_objects_bind_double_arrays_and_lists()
    {
        using var connection = OpenWithDocs();
        connection.Execute("INSERT INTO docs VALUES (@id, @v)", new { id = 4, v = new double[] { 0.25, -0.5, 2 } });
        connection.Execute("INSERT INTO docs VALUES (@id, @v)", new { id = 5, v = new List<float> { 5, 5, 5 } });
        Assert.Equal(3L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", new { q = new double[] { 0, 0.2, 0.9 } }));
        Assert.Equal(5L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", new { q = new List<float> { 4, 4, 4 } }));
        Assert.Equal(4L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", new { q = new Embedding<float>(Stored) }));
    }

    public sealed class Row
    {
        public long Id { get; set; }
        public List<float>? V { get; set; }
    }

    public sealed class EmbeddingRow
    {
        public long Id { get; set; }
        public Embedding<float>? V { get; set; }
        public double[]? Twice { get; set; }
    }

    [Fact]
    public void Dapper_reads_vector_columns_into_lists_arrays_and_embeddings()
    {
        using var connection = OpenWithDocs();
        var row = connection.QuerySingle<Row>("SELECT id, v FROM docs WHERE id = 2");
        Assert.Equal([0f, 1f, 0f], row.V);
        var embedded = connection.QuerySingle<EmbeddingRow>("SELECT id, v, v AS twice FROM docs WHERE id = 3");
        Assert.Equal([0f, 0f, 1f], embedded.V!.Vector.ToArray());
        Assert.Equal([0d, 0d, 1d], embedded.Twice!);
    }

    [Fact]
    public void Bit_vectors_bind_from_bit_arrays_and_binary_embeddings()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE b (id INTEGER PRIMARY KEY, v BIT(4))");
        connection.Execute("INSERT INTO b VALUES (@id, @v)", new { id = 1, v = new BitArray([true, false, true, false]) });
        connection.Execute("INSERT INTO b VALUES (@id, @v)", new { id = 2, v = new BinaryEmbedding(new BitArray([false, true, false, true])) });
        connection.Execute("INSERT INTO b VALUES (3, '[1, 1, 0, 0]')");
        Assert.Equal([true, false, true, false], connection.QuerySingle<bool[]>("SELECT v FROM b WHERE id = 1"));
        Assert.Equal([false, true, false, true], connection.QuerySingle<bool[]>("SELECT v FROM b WHERE id = 2"));
        Assert.Equal([true, true, false, false], connection.QuerySingle<bool[]>("SELECT v FROM b WHERE id = 3"));
    }

    [Fact]
    public void Text_in_vector_syntax_is_a_vector_where_one_is_expected()
    {
        using var connection = OpenWithDocs();
        connection.Execute("INSERT INTO docs VALUES (4, '[0.25, -0.5, 2]')");
        connection.Execute("INSERT INTO docs VALUES (5, @v)", new { v = " [ 1e-1 ,2E0,-3 ] " });
        Assert.Equal(Stored, connection.QuerySingle<float[]>("SELECT v FROM docs WHERE id = 4"));
        Assert.Equal(new float[] { 0.1f, 2f, -3f }, connection.QuerySingle<float[]>("SELECT v FROM docs WHERE id = 5"));
        Assert.Equal(3L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", new { q = "[0, 0.2, 0.9]" }));
        Assert.Equal(3L, connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> '[0, 0.2, 0.9]' LIMIT 1"));
    }

    [Theory]
    [InlineData("[1, 2]", ErrorCode.DimensionMismatch, "has 2 dimensions")]
    [InlineData("[1, x, 2]", ErrorCode.TypeMismatch, "'x'")]
    [InlineData("[1, 2, 3", ErrorCode.TypeMismatch, "']'")]
    [InlineData("[1, NaN, 2]", ErrorCode.InvalidVectorValue, "NaN")]
    [InlineData("[1, 1e39, 2]", ErrorCode.InvalidVectorValue, "element 1")]
    public void Bad_text_vectors_fail_with_a_code(string text, ErrorCode code, string said)
    {
        using var connection = OpenWithDocs();
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("INSERT INTO docs VALUES (4, @v)", new { v = text }));
        Assert.Equal(code, error.Code);
        Assert.Contains(said, error.Message);
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
    }

    [Fact]
    public void Wrong_length_and_non_finite_values_fail_with_codes_quoting_the_users_own_text()
    {
        using var connection = OpenWithDocs();
        const string Search = "SELECT id FROM docs ORDER BY v <-> @q LIMIT 1";
        var cases = new (object Parameters, ErrorCode Code, string Said)[]
        {
            (new { q = new double[] { 1, 2 } }, ErrorCode.DimensionMismatch, "has 2 dimensions"),
            (new { q = new List<float> { 1, 2, 3, 4 } }, ErrorCode.DimensionMismatch, "has 4 dimensions"),
            (new { q = new Embedding<float>(new float[] { 1 }) }, ErrorCode.DimensionMismatch, "has 1 dimensions"),
            (new { q = new double[] { 1, double.NaN, 0 } }, ErrorCode.InvalidVectorValue, "NaN"),
            (new { q = new List<float> { 1, float.PositiveInfinity, 0 } }, ErrorCode.InvalidVectorValue, "Infinity"),
            // A finite double too large for a 32-bit float says so, rather than calling it infinite.
            (new { q = new double[] { 0, 0, 1e300 } }, ErrorCode.InvalidVectorValue, "1E+300"),
        };
        foreach (var (parameters, code, said) in cases)
        {
            var error = Assert.Throws<VecStoreException>(() => connection.Query<long>(Search, parameters).ToList());
            Assert.Equal(code, error.Code);
            Assert.Contains(said, error.Message);
            Assert.Contains("ORDER BY v <-> @q LIMIT 1", error.Message);
            Assert.DoesNotContain("@q1", error.Message);
        }
    }

    [Theory]
    [InlineData("Embedding<float>")]
    [InlineData("Half[]")]
    [InlineData("List<double>")]
    public void A_vector_where_a_scalar_is_expected_is_called_a_vector(string typeName)
    {
        using var connection = OpenWithDocs();
        var error = Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM docs WHERE id = @q", Parameter(typeName, "q", As(typeName, Stored))).ToList());
        Assert.Equal(ErrorCode.TypeMismatch, error.Code);
        Assert.Contains("vectors cannot be compared with = or <", error.Message);
    }

    [Fact]
    public void A_list_Dapper_still_expands_gets_an_error_that_says_so()
    {
        using var connection = OpenWithDocs();
        // A HashSet is not a vector type: Dapper rewrites @q into (@q1,@q2,@q3) before VecStore sees the text.
        var error = Assert.Throws<VecStoreException>(() =>
            connection.Query<long>("SELECT id FROM docs ORDER BY v <-> @q LIMIT 1", new { q = new HashSet<float> { 1, 2, 3 } }).ToList());
        Assert.Contains("Dapper", error.Message);
        Assert.Contains("@q", error.Message);
        Assert.Contains("float[]", error.Message);
    }
}
