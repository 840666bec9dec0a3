using System.Collections;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.AI;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>
/// <c>GetFieldValue&lt;T&gt;</c> (and its async form) gives a vector column's value as each .NET type
/// VecStore takes vectors in, and refuses the types that make no sense with a TypeMismatch error
/// that names the column and the types that work.
/// </summary>
public sealed class VectorFieldValueTests : IDisposable
{
    // Exactly representable as Half too, so every element type gives the same numbers.
    private static readonly float[] Floats = [0.25f, -0.5f, 2f];
    private static readonly bool[] Bits = [true, false, true, true, false, false, false, false, false, true];

    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public VectorFieldValueTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(3), h VECTOR(3) HALF, b BIT(10), big VECTOR(3))");
        _connection.Execute("INSERT INTO t VALUES (1, @v, @h, @b, [1, 70000, 2])", new { v = Floats, h = Floats, b = Bits });
    }

    public static TheoryData<string> FloatTypes() =>
    [
        "float[]", "double[]", "Half[]", "List<float>", "List<double>", "List<Half>",
        "IReadOnlyList<float>", "IList<float>", "IEnumerable<float>", "IReadOnlyList<double>", "IReadOnlyList<Half>",
        "ReadOnlyMemory<float>", "Memory<float>", "ReadOnlyMemory<double>", "Memory<double>", "ReadOnlyMemory<Half>", "Memory<Half>",
        "Embedding<float>", "Embedding<double>", "Embedding<Half>",
    ];

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public async Task A_vector_column_reads_as_each_type_vectors_are_given_in(string typeName)
    {
        foreach (var column in new[] { "v", "h" })
        {
            Assert.Equal(Floats, await ReadFloats(typeName, column, async: false));
            Assert.Equal(Floats, await ReadFloats(typeName, column, async: true));
        }
    }

    [Fact]
    public void A_half_column_reads_as_its_halves_exactly()
    {
        float[] written = [0.1f, 1000.3f, -3.14159f];
        _connection.Execute("UPDATE t SET h = @h WHERE id = 1", new { h = written });
        var halves = Array.ConvertAll(written, x => (Half)x);

        using var reader = ReaderOn("h");
        Assert.Equal(halves, reader.GetFieldValue<Half[]>(0));
        Assert.Equal(halves, reader.GetFieldValue<Embedding<Half>>(0).Vector.ToArray());
        Assert.Equal(Array.ConvertAll(halves, x => (float)x), reader.GetFieldValue<float[]>(0));
    }

    public static TheoryData<string> BitTypes() => ["bool[]", "List<bool>", "IReadOnlyList<bool>", "BitArray", "BinaryEmbedding", "byte[]"];

    [Theory]
    [MemberData(nameof(BitTypes))]
    public async Task A_bit_column_reads_as_each_type_bits_are_given_in(string typeName)
    {
        Assert.Equal(Bits, await ReadBits(typeName, async: false));
        Assert.Equal(Bits, await ReadBits(typeName, async: true));
    }

    [Fact]
    public void Packed_bytes_read_back_as_they_are_written()
    {
        // Bit i is bit i % 8 of byte i / 8, as a BIT parameter given as byte[] is read.
        byte[] packed = [0b1000_0101, 0b0000_0010];
        _connection.Execute("UPDATE t SET b = @b WHERE id = 1", new { b = packed });
        using var reader = ReaderOn("b");
        Assert.Equal(packed, reader.GetFieldValue<byte[]>(0));
        Assert.Equal(new[] { true, false, true, false, false, false, false, true, false, true }, reader.GetFieldValue<bool[]>(0));
    }

    [Theory]
    [InlineData("b", "float[]", "column 'b' (BIT(10)) cannot be read as Single[]; it reads as bool[]")]
    [InlineData("b", "Embedding<float>", "column 'b' (BIT(10)) cannot be read as Embedding<Single>; it reads as bool[]")]
    [InlineData("v", "bool[]", "column 'v' (VECTOR(3)) cannot be read as Boolean[]; it reads as float[], double[], Half[]")]
    [InlineData("v", "BitArray", "column 'v' (VECTOR(3)) cannot be read as BitArray; it reads as float[]")]
    [InlineData("v", "int", "column 'v' (VECTOR(3)) cannot be read as Int32; it reads as float[]")]
    [InlineData("h", "string", "column 'h' (VECTOR(3) HALF) cannot be read as String; it reads as float[]")]
    [InlineData("id", "float[]", "column 'id' (INTEGER) is not a vector and cannot be read as Single[]")]
    [InlineData("id", "BinaryEmbedding", "column 'id' (INTEGER) is not a vector and cannot be read as BinaryEmbedding")]
    [InlineData("big", "Half[]", "column 'big' (VECTOR(3)) cannot be read as Half: element 1 is 70000, beyond Half's range")]
    [InlineData("big", "Embedding<Half>", "column 'big' (VECTOR(3)) cannot be read as Half: element 1 is 70000")]
    public async Task Other_types_fail_with_a_type_mismatch_that_says_what_works(string column, string typeName, string message)
    {
        foreach (bool async in new[] { false, true })
        {
            var error = await Assert.ThrowsAsync<VecStoreException>(() => ReadAs(typeName, column, async));
            Assert.Equal(ErrorCode.TypeMismatch, error.Code);
            Assert.StartsWith("VECSQL0105: " + message, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dapper_maps_vector_columns_to_properties_of_these_types()
    {
        var row = _connection.QuerySingle<Mapped>("SELECT v AS Doubles, h AS Halves, v AS Embedding, b AS Binary FROM t");
        Assert.Equal(Array.ConvertAll(Floats, x => (double)x), row.Doubles);
        Assert.Equal(Array.ConvertAll(Floats, x => (Half)x), row.Halves);
        Assert.Equal(Array.ConvertAll(Floats, x => (double)x), row.Embedding!.Vector.ToArray());
        Assert.Equal(Bits, Bools(row.Binary!.Vector));
    }

    private sealed class Mapped
    {
        public double[]? Doubles { get; set; }
        public Half[]? Halves { get; set; }
        public Embedding<double>? Embedding { get; set; }
        public BinaryEmbedding? Binary { get; set; }
    }

    private DbDataReader ReaderOn(string column)
    {
        var reader = new VecStoreCommand($"SELECT {column} FROM t", _connection).ExecuteReader();
        Assert.True(reader.Read());
        return reader;
    }

    private async Task<T> Read<T>(string column, bool async)
    {
        using var reader = ReaderOn(column);
        return async ? await reader.GetFieldValueAsync<T>(0) : reader.GetFieldValue<T>(0);
    }

    private async Task<float[]> ReadFloats(string typeName, string column, bool async) => typeName switch
    {
        "float[]" => await Read<float[]>(column, async),
        "double[]" => Narrow(await Read<double[]>(column, async)),
        "Half[]" => Widen(await Read<Half[]>(column, async)),
        "List<float>" => [.. await Read<List<float>>(column, async)],
        "List<double>" => Narrow([.. await Read<List<double>>(column, async)]),
        "List<Half>" => Widen([.. await Read<List<Half>>(column, async)]),
        "IReadOnlyList<float>" => [.. await Read<IReadOnlyList<float>>(column, async)],
        "IList<float>" => [.. await Read<IList<float>>(column, async)],
        "IEnumerable<float>" => [.. await Read<IEnumerable<float>>(column, async)],
        "IReadOnlyList<double>" => Narrow([.. await Read<IReadOnlyList<double>>(column, async)]),
        "IReadOnlyList<Half>" => Widen([.. await Read<IReadOnlyList<Half>>(column, async)]),
        "ReadOnlyMemory<float>" => (await Read<ReadOnlyMemory<float>>(column, async)).ToArray(),
        "Memory<float>" => (await Read<Memory<float>>(column, async)).ToArray(),
        "ReadOnlyMemory<double>" => Narrow((await Read<ReadOnlyMemory<double>>(column, async)).ToArray()),
        "Memory<double>" => Narrow((await Read<Memory<double>>(column, async)).ToArray()),
        "ReadOnlyMemory<Half>" => Widen((await Read<ReadOnlyMemory<Half>>(column, async)).ToArray()),
        "Memory<Half>" => Widen((await Read<Memory<Half>>(column, async)).ToArray()),
        "Embedding<float>" => (await Read<Embedding<float>>(column, async)).Vector.ToArray(),
        "Embedding<double>" => Narrow((await Read<Embedding<double>>(column, async)).Vector.ToArray()),
        "Embedding<Half>" => Widen((await Read<Embedding<Half>>(column, async)).Vector.ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };

    private async Task<bool[]> ReadBits(string typeName, bool async) => typeName switch
    {
        "bool[]" => await Read<bool[]>("b", async),
        "List<bool>" => [.. await Read<List<bool>>("b", async)],
        "IReadOnlyList<bool>" => [.. await Read<IReadOnlyList<bool>>("b", async)],
        "BitArray" => Bools(await Read<BitArray>("b", async)),
        "BinaryEmbedding" => Bools((await Read<BinaryEmbedding>("b", async)).Vector),
        "byte[]" => Unpack(await Read<byte[]>("b", async), Bits.Length),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };

    private async Task ReadAs(string typeName, string column, bool async)
    {
        object? value = typeName switch
        {
            "float[]" => await Read<float[]>(column, async),
            "Embedding<float>" => await Read<Embedding<float>>(column, async),
            "bool[]" => await Read<bool[]>(column, async),
            "BitArray" => await Read<BitArray>(column, async),
            "int" => await Read<int>(column, async),
            "string" => await Read<string>(column, async),
            "BinaryEmbedding" => await Read<BinaryEmbedding>(column, async),
            "Half[]" => await Read<Half[]>(column, async),
            "Embedding<Half>" => await Read<Embedding<Half>>(column, async),
            _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
        };
        Assert.Fail($"read {column} as {typeName}: {value}");
    }

    private static float[] Narrow(double[] doubles) => Array.ConvertAll(doubles, x => (float)x);

    private static float[] Widen(Half[] halves) => Array.ConvertAll(halves, x => (float)x);

    private static bool[] Bools(BitArray bits)
    {
        var result = new bool[bits.Length];
        bits.CopyTo(result, 0);
        return result;
    }

    private static bool[] Unpack(byte[] packed, int count)
    {
        var result = new bool[count];
        for (int i = 0; i < count; i++)
            result[i] = (packed[i >> 3] >> (i & 7) & 1) == 1;
        return result;
    }

    public void Dispose() => _connection.Dispose();
}
