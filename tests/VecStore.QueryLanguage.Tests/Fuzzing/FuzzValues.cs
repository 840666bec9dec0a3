using System.Globalization;
using System.Text;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Random values for a column, written as VecSQL literals or as .NET parameter values; mostly fitting, sometimes not.</summary>
internal static class FuzzValues
{
    private static readonly string[] Texts = ["", "a", "shoes", "it''s", "naïve 日本", "''; DROP TABLE t; --", "%_", "\"q\"", "line\nbreak", "x"];

    /// <summary>A literal for <paramref name="column"/>: NULL one time in ten, the wrong type one time in twenty.</summary>
    public static string Literal(Random random, FuzzColumn column)
    {
        if (random.Next(10) == 0)
            return "NULL";
        var kind = random.Next(20) == 0 ? FuzzGrammar.Pick(random, ["INTEGER", "REAL", "TEXT", "BLOB", "BOOLEAN", "VECTOR"]) : column.Kind;
        return kind switch
        {
            "INTEGER" => Integer(random).ToString(CultureInfo.InvariantCulture),
            "REAL" => Real(random).ToString("R", CultureInfo.InvariantCulture),
            "TEXT" => "'" + Texts[random.Next(Texts.Length)] + "'",
            "BLOB" => "x'" + Convert.ToHexString(Bytes(random)) + "'",
            "BOOLEAN" => random.Next(2) == 0 ? "TRUE" : "FALSE",
            "BIT" => VectorLiteral(Bits(random, Dimensions(random, column))),
            _ => VectorLiteral(Vector(random, Dimensions(random, column))),
        };
    }

    /// <summary>A .NET value for <paramref name="column"/> as an application would bind it.</summary>
    public static object? Parameter(Random random, FuzzColumn column)
    {
        if (random.Next(10) == 0)
            return random.Next(2) == 0 ? null : DBNull.Value;
        if (random.Next(20) == 0)
            return ParameterFuzzValues.Any(random);
        return column.Kind switch
        {
            "INTEGER" => random.Next(3) == 0 ? (object)(int)Integer(random) : Integer(random),
            "REAL" => random.Next(3) == 0 ? (float)Real(random) : Real(random),
            "TEXT" => Texts[random.Next(Texts.Length)].Replace("''", "'", StringComparison.Ordinal),
            "BLOB" => Bytes(random),
            "BOOLEAN" => random.Next(2) == 0,
            "BIT" => Bits(random, Dimensions(random, column)).Select(b => b == 1).ToArray(),
            _ => random.Next(3) switch
            {
                0 => Vector(random, Dimensions(random, column)).Select(x => (double)x).ToArray(),
                _ => Vector(random, Dimensions(random, column)),
            },
        };
    }

    /// <summary>Small numbers mostly, sometimes the ends of the 64-bit range.</summary>
    public static long Integer(Random random) => random.Next(12) switch
    {
        0 => long.MaxValue,
        1 => long.MinValue + 1,
        _ => random.Next(-50, 200),
    };

    public static double Real(Random random) => random.Next(10) switch
    {
        0 => 1e300,
        1 => -0.0,
        _ => Math.Round((random.NextDouble() * 200) - 50, 3),
    };

    public static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(0, 6)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Values in [-1, 1), rounded so that literals print short; one time in eight finite values at float32's edges (<see cref="ExtremeFloats"/>).</summary>
    public static float[] Vector(Random random, int dimensions)
    {
        if (random.Next(8) == 0)
            return ExtremeFloats.Vector(random, dimensions);
        var v = new float[dimensions];
        for (int i = 0; i < v.Length; i++)
            v[i] = MathF.Round((float)((random.NextDouble() * 2) - 1), 3);
        return v;
    }

    public static float[] Bits(Random random, int bits)
    {
        var v = new float[bits];
        for (int i = 0; i < v.Length; i++)
            v[i] = random.Next(2);
        return v;
    }

    public static string VectorLiteral(float[] v)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < v.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(v[i].ToString("R", CultureInfo.InvariantCulture));
        return text.Append(']').ToString();
    }

    /// <summary>The column's dimensions, or one off one time in fifteen.</summary>
    private static int Dimensions(Random random, FuzzColumn column)
    {
        int dimensions = Math.Max(column.Dimensions, 1);
        return random.Next(15) == 0 ? Math.Max(0, dimensions + (random.Next(2) == 0 ? -1 : 1)) : dimensions;
    }
}
