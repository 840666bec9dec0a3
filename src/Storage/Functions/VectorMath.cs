using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace VecStore.Storage.Functions;

/// <summary>The arithmetic behind the vector functions, on spans of floats: pgvector's semantics, element for element.</summary>
internal static class VectorMath
{
    /// <summary>Elementwise a + b, a - b or a * b into <paramref name="result"/>; an element that overflows (or, for *, underflows to zero) is an error, as in pgvector.</summary>
    public static void Elementwise(VectorFunction op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (op)
        {
            case VectorFunction.Add:
                TensorPrimitives.Add(a, b, result);
                break;
            case VectorFunction.Subtract:
                TensorPrimitives.Subtract(a, b, result);
                break;
            default:
                TensorPrimitives.Multiply(a, b, result);
                break;
        }
        for (int i = 0; i < result.Length; i++)
        {
            if (float.IsInfinity(result[i]))
                throw Overflow(op, i, a[i], b[i]);
            if (op == VectorFunction.Multiply && result[i] == 0 && a[i] != 0 && b[i] != 0)
                throw new VecStoreException(ErrorCode.InvalidVectorValue,
                    $"vector element {i} underflows: {Text(a[i])} * {Text(b[i])} is too small for a 32-bit float");
        }
    }

    /// <summary>The Euclidean norm, accumulated in double.</summary>
    public static double Norm(ReadOnlySpan<float> a)
    {
        double sum = 0;
        foreach (float x in a)
            sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>a / ‖a‖ into <paramref name="result"/>; a zero vector stays zero.</summary>
    public static void Normalize(ReadOnlySpan<float> a, Span<float> result)
    {
        double norm = Norm(a);
        if (norm > 0)
        {
            for (int i = 0; i < a.Length; i++)
                result[i] = (float)(a[i] / norm);
        }
        else
        {
            result[..a.Length].Clear();
        }
    }

    /// <summary>The 0-based start and the length of <c>subvector(v, start, count)</c> (start 1-based, clamped to the vector as pgvector does); an empty result is an error.</summary>
    public static (int Start, int Length) SubvectorRange(int dimensions, long start, long count)
    {
        long end = start + count;
        if (start < 1)
            start = 1;
        if (end > dimensions)
            end = dimensions + 1L;
        long length = end - start;
        if (length < 1)
            throw new VecStoreException(ErrorCode.InvalidDimensions,
                $"subvector of a {dimensions}-dimensional vector from {start} for {count} elements holds no element; a vector has at least 1");
        return ((int)(start - 1), (int)length);
    }

    /// <summary>-1, 0 or 1: elements compared in order, then the dimensions (pgvector's order, the order of PostgreSQL arrays).</summary>
    public static int Compare(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] < b[i])
                return -1;
            if (a[i] > b[i])
                return 1;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>A vector as pgvector prints it: <c>[1,2.5,-3]</c>, each element the shortest text that reads back as the same float.</summary>
    public static string Format(ReadOnlySpan<float> a)
    {
        var text = new StringBuilder(a.Length * 8 + 2).Append('[');
        for (int i = 0; i < a.Length; i++)
            text.Append(i == 0 ? "" : ",").Append(a[i].ToString("R", CultureInfo.InvariantCulture));
        return text.Append(']').ToString();
    }

    /// <summary>Bits as text, first bit first: <c>101</c>.</summary>
    public static string FormatBits(ReadOnlySpan<ulong> words, int bits)
    {
        var text = new StringBuilder(bits);
        for (int i = 0; i < bits; i++)
            text.Append((words[i >> 6] >> (i & 63) & 1) != 0 ? '1' : '0');
        return text.ToString();
    }

    internal static VecStoreException Overflow(VectorFunction op, int index, float a, float b) => new(ErrorCode.InvalidVectorValue,
        $"vector element {index} overflows: {Text(a)} {(op == VectorFunction.Add ? "+" : op == VectorFunction.Subtract ? "-" : "*")} {Text(b)} is beyond a 32-bit float");

    private static string Text(float x) => x.ToString("R", CultureInfo.InvariantCulture);
}
