using System.Collections;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace VecStore;

/// <summary>A vector column's value as the .NET type an application asks for: what <c>GetFieldValue&lt;T&gt;</c> and Dapper's mapping return.</summary>
/// <remarks>
/// <para>
/// A vector comes out of a result as <c>float[]</c> (VECTOR and VECTOR HALF columns) or <c>bool[]</c>
/// (BIT columns). It is given as every type VecStore takes as a parameter
/// (<see cref="QueryLanguage.Binding.VectorInputs"/>): <c>float[]</c>, <c>double[]</c>, <c>Half[]</c>;
/// <c>List&lt;T&gt;</c>, <c>Memory&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c> and <c>Embedding&lt;T&gt;</c>
/// (Microsoft.Extensions.AI) of <c>float</c>, <c>double</c> and <c>Half</c>, and any interface an
/// array of those implements (<c>IReadOnlyList&lt;float&gt;</c>, <c>IEnumerable&lt;double&gt;</c>, ...);
/// bits as <c>bool[]</c>, <c>List&lt;bool&gt;</c>, <c>BitArray</c>, <c>BinaryEmbedding</c> and packed
/// <c>byte[]</c> (bit i in byte i / 8, bit i % 8, as BIT parameters are read).
/// </para>
/// <para>
/// A HALF column's values are halves, so <c>Half[]</c> gives them exactly. From a 32-bit column a
/// <c>Half</c> type rounds, as a <c>double</c> parameter is rounded to float; an element beyond
/// Half's range (±65504) is refused rather than turned into an infinity the column does not hold.
/// Any other type (a BIT column as floats, a vector as a number or text, a scalar as a vector) is a
/// <see cref="VecStoreException"/> with code TypeMismatch naming the column and the types that work.
/// </para>
/// </remarks>
internal static class VectorOutputs
{
    /// <summary>The types a VECTOR column reads as, for messages.</summary>
    private const string FloatTypes = "float[], double[], Half[], List<float|double|Half>, Memory or ReadOnlyMemory of float, double or Half, or Embedding<float|double|Half>";

    /// <summary>The types a BIT column reads as, for messages.</summary>
    private const string BitTypes = "bool[], List<bool>, BitArray, BinaryEmbedding or packed byte[]";

    /// <summary>True when <typeparamref name="T"/> is a type a vector is read as, so a scalar asked for as one gets a clear error.</summary>
    public static bool IsVectorType<T>() => Converter<T>.FromFloats is not null || Converter<T>.FromBits is not null;

    /// <summary>
    /// <paramref name="value"/> (a <c>float[]</c> or <c>bool[]</c> from a vector column, or a scalar)
    /// as <typeparamref name="T"/>; <paramref name="column"/> and <paramref name="columnType"/>, when
    /// known, name it in errors.
    /// </summary>
    /// <returns>False when <paramref name="value"/> is no vector and <typeparamref name="T"/> no vector type: ordinary conversions apply.</returns>
    public static bool TryConvert<T>(object value, string? column, string? columnType, out T result)
    {
        result = default!;
        switch (value)
        {
            case float[] floats:
                if (Converter<T>.FromFloats is not { } fromFloats)
                    throw CannotRead<T>(Subject(column, columnType, value), FloatTypes);
                result = fromFloats(floats, column, columnType);
                return true;
            case bool[] bits:
                if (Converter<T>.FromBits is not { } fromBits)
                    throw CannotRead<T>(Subject(column, columnType, value), BitTypes);
                result = fromBits(bits);
                return true;
            default:
                if (IsVectorType<T>())
                    throw new VecStoreException(ErrorCode.TypeMismatch, $"{Subject(column, columnType, value)} is not a vector and cannot be read as {TypeName(typeof(T))}");
                return false;
        }
    }

    // "column 'v' (VECTOR(3))", or what the value is when the column is not known (Dapper's mapping).
    private static string Subject(string? column, string? columnType, object value)
    {
        if (column is not null)
            return string.IsNullOrEmpty(columnType) ? $"column '{column}'" : $"column '{column}' ({columnType})";
        return value switch
        {
            float[] floats => string.Create(CultureInfo.InvariantCulture, $"a vector of {floats.Length} numbers"),
            bool[] bits => string.Create(CultureInfo.InvariantCulture, $"a vector of {bits.Length} bits"),
            _ => "a " + value.GetType().Name + " value",
        };
    }

    private static VecStoreException CannotRead<T>(string subject, string types)
        => new(ErrorCode.TypeMismatch, $"{subject} cannot be read as {TypeName(typeof(T))}; it reads as {types}");

    private static string TypeName(Type type)
    {
        if (type.IsArray)
            return TypeName(type.GetElementType()!) + "[]";
        if (!type.IsGenericType)
            return type.Name;
        var arguments = string.Join(", ", Array.ConvertAll(type.GetGenericArguments(), TypeName));
        return type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + arguments + ">";
    }

    // One conversion per asked type, chosen once: a read costs one delegate call and the copy.
    private static class Converter<T>
    {
        public static readonly Func<float[], string?, string?, T>? FromFloats = ForFloats();
        public static readonly Func<bool[], T>? FromBits = ForBits();

        private static Func<float[], string?, string?, T>? ForFloats()
        {
            var t = typeof(T);
            // float[] itself and every type it is (IReadOnlyList<float>, IEnumerable<float>, ...).
            if (t.IsAssignableFrom(typeof(float[])))
                return (floats, _, _) => (T)(object)floats;
            if (t == typeof(List<float>))
                return (floats, _, _) => (T)(object)new List<float>(floats);
            if (t == typeof(ReadOnlyMemory<float>))
                return (floats, _, _) => (T)(object)new ReadOnlyMemory<float>(floats);
            if (t == typeof(Memory<float>))
                return (floats, _, _) => (T)(object)new Memory<float>(floats);
            if (t == typeof(Embedding<float>))
                return (floats, _, _) => (T)(object)new Embedding<float>(floats);
            if (t.IsAssignableFrom(typeof(double[])))
                return (floats, _, _) => (T)(object)Doubles(floats);
            if (t == typeof(List<double>))
                return (floats, _, _) => (T)(object)new List<double>(Doubles(floats));
            if (t == typeof(ReadOnlyMemory<double>))
                return (floats, _, _) => (T)(object)new ReadOnlyMemory<double>(Doubles(floats));
            if (t == typeof(Memory<double>))
                return (floats, _, _) => (T)(object)new Memory<double>(Doubles(floats));
            if (t == typeof(Embedding<double>))
                return (floats, _, _) => (T)(object)new Embedding<double>(Doubles(floats));
            if (t.IsAssignableFrom(typeof(Half[])))
                return (floats, column, columnType) => (T)(object)Halves(floats, column, columnType);
            if (t == typeof(List<Half>))
                return (floats, column, columnType) => (T)(object)new List<Half>(Halves(floats, column, columnType));
            if (t == typeof(ReadOnlyMemory<Half>))
                return (floats, column, columnType) => (T)(object)new ReadOnlyMemory<Half>(Halves(floats, column, columnType));
            if (t == typeof(Memory<Half>))
                return (floats, column, columnType) => (T)(object)new Memory<Half>(Halves(floats, column, columnType));
            if (t == typeof(Embedding<Half>))
                return (floats, column, columnType) => (T)(object)new Embedding<Half>(Halves(floats, column, columnType));
            return null;
        }

        private static Func<bool[], T>? ForBits()
        {
            var t = typeof(T);
            if (t.IsAssignableFrom(typeof(bool[])))
                return bits => (T)(object)bits;
            if (t == typeof(List<bool>))
                return bits => (T)(object)new List<bool>(bits);
            if (t == typeof(BitArray))
                return bits => (T)(object)new BitArray(bits);
            if (t == typeof(BinaryEmbedding))
                return bits => (T)(object)new BinaryEmbedding(new BitArray(bits));
            if (t == typeof(byte[]))
                return bits => (T)(object)Packed(bits);
            return null;
        }
    }

    private static double[] Doubles(float[] floats)
    {
        var result = new double[floats.Length];
        for (int i = 0; i < floats.Length; i++)
            result[i] = floats[i];
        return result;
    }

    private static Half[] Halves(float[] floats, string? column, string? columnType)
    {
        var result = new Half[floats.Length];
        for (int i = 0; i < floats.Length; i++)
        {
            var half = (Half)floats[i];
            if (Half.IsInfinity(half) && float.IsFinite(floats[i]))
            {
                throw new VecStoreException(ErrorCode.TypeMismatch, string.Create(CultureInfo.InvariantCulture,
                    $"{Subject(column, columnType, floats)} cannot be read as Half: element {i} is {floats[i]:R}, beyond Half's range (±65504); read it as float[] or double[]"));
            }
            result[i] = half;
        }
        return result;
    }

    private static byte[] Packed(bool[] bits)
    {
        var result = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
                result[i >> 3] |= (byte)(1 << (i & 7));
        }
        return result;
    }
}
