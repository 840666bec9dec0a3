using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Widens binary16 lanes to float32 inside vector registers, for kernels that read float16 storage.</summary>
/// <remarks>
/// .NET exposes no F16C conversion, so the bits are moved with integer operations: the half is
/// sign-extended, its sign, exponent and mantissa shifted into float32 position, and the value
/// rescaled by 2^112 (the difference of the exponent biases), which keeps the sign and also
/// turns subnormal halves into the right normal floats; infinities and NaN then get an all-ones
/// exponent. Every finite
/// half converts exactly, as <c>(float)Half</c> does; NaN stays NaN with its payload.
/// Measured against <c>TensorPrimitives.ConvertToSingle</c> into a stack buffer followed by the
/// float kernel, converting in registers was faster (see the kernels that use it).
/// </remarks>
internal static class HalfConversion
{
    // 2^112 = 2^(127 - 15): moves a half exponent, placed at the float position, to the float bias.
    private const uint RescaleBits = 0x7780_0000;

    // After sign-extending a half to 32 bits and shifting it left by 13, its sign is bit 31 (and
    // copies of it bits 30-28), its exponent bits 27-23 and its mantissa bits 22-13; this keeps
    // the sign, exponent and mantissa, which is the half's value times 2^-112 as a float.
    private const int Placed = unchecked((int)0x8FFF_E000);
    private const int HalfExponent = 0x7C00;
    private const int SingleExponent = 0x7F80_0000;

    /// <summary>Converts 16 halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ToSingle(Vector256<short> halves)
    {
        Vector512<int> bits = Vector512.WidenLower(halves.ToVector512Unsafe());
        Vector512<float> value = ((bits << 13) & Vector512.Create(Placed)).AsSingle() * Vector512.Create(RescaleBits).AsSingle();
        Vector512<int> special = Vector512.Equals(bits & Vector512.Create(HalfExponent), Vector512.Create(HalfExponent)) & Vector512.Create(SingleExponent);
        return (value.AsInt32() | special).AsSingle();
    }

    /// <summary>Converts 8 halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToSingle(Vector128<short> halves)
    {
        Vector256<int> bits = Vector256.WidenLower(halves.ToVector256Unsafe());
        Vector256<float> value = ((bits << 13) & Vector256.Create(Placed)).AsSingle() * Vector256.Create(RescaleBits).AsSingle();
        Vector256<int> special = Vector256.Equals(bits & Vector256.Create(HalfExponent), Vector256.Create(HalfExponent)) & Vector256.Create(SingleExponent);
        return (value.AsInt32() | special).AsSingle();
    }

    /// <summary>Converts the 4 halves in the low 64 bits of <paramref name="halves"/> to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ToSingleLower(Vector128<short> halves)
    {
        Vector128<int> bits = Vector128.WidenLower(halves);
        Vector128<float> value = ((bits << 13) & Vector128.Create(Placed)).AsSingle() * Vector128.Create(RescaleBits).AsSingle();
        Vector128<int> special = Vector128.Equals(bits & Vector128.Create(HalfExponent), Vector128.Create(HalfExponent)) & Vector128.Create(SingleExponent);
        return (value.AsInt32() | special).AsSingle();
    }

    /// <summary>Loads 16 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load512(ref Half source, nuint index) =>
        ToSingle(Vector256.LoadUnsafe(ref Unsafe.As<Half, short>(ref source), index));

    /// <summary>Loads 8 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load256(ref Half source, nuint index) =>
        ToSingle(Vector128.LoadUnsafe(ref Unsafe.As<Half, short>(ref source), index));

    /// <summary>Loads 4 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load128(ref Half source, nuint index)
    {
        ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<Half, byte>(ref Unsafe.Add(ref source, index)));
        return ToSingleLower(Vector128.CreateScalarUnsafe(four).AsInt16());
    }
}
