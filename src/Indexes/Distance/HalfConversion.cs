using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Widens binary16 lanes to float32 inside vector registers, for kernels that read float16 storage.</summary>
/// <remarks>
/// .NET exposes no F16C conversion, so the bits are moved with integer operations: the
/// exponent and mantissa are shifted into float32 position and the value is rescaled by 2^112
/// (the difference of the exponent biases), which also turns subnormal halves into the right
/// normal floats; infinities and NaN get an all-ones exponent; the sign is copied. Every finite
/// half converts exactly, as <c>(float)Half</c> does; NaN stays NaN with its payload.
/// Measured against <c>TensorPrimitives.ConvertToSingle</c> into a stack buffer followed by the
/// float kernel, converting in registers was faster (see the kernels that use it).
/// </remarks>
internal static class HalfConversion
{
    // 2^112 = 2^(127 - 15): moves a half exponent, placed at the float position, to the float bias.
    private const uint RescaleBits = 0x7780_0000;
    private const uint ExponentAndMantissa = 0x7FFF;
    private const uint HalfInfinity = 0x7C00;
    private const uint SingleExponent = 0x7F80_0000;
    private const uint SingleSign = 0x8000_0000;

    /// <summary>Converts 16 halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ToSingle(Vector256<ushort> halves)
    {
        Vector512<uint> bits = Vector512.WidenLower(halves.ToVector512Unsafe());
        Vector512<uint> magnitude = bits & Vector512.Create(ExponentAndMantissa);
        Vector512<float> scaled = (magnitude << 13).AsSingle() * Vector512.Create(RescaleBits).AsSingle();
        Vector512<uint> special = Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(HalfInfinity)) & Vector512.Create(SingleExponent);
        Vector512<uint> sign = (bits << 16) & Vector512.Create(SingleSign);
        return (scaled.AsUInt32() | special | sign).AsSingle();
    }

    /// <summary>Converts 8 halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToSingle(Vector128<ushort> halves)
    {
        Vector256<uint> bits = Vector256.WidenLower(halves.ToVector256Unsafe());
        Vector256<uint> magnitude = bits & Vector256.Create(ExponentAndMantissa);
        Vector256<float> scaled = (magnitude << 13).AsSingle() * Vector256.Create(RescaleBits).AsSingle();
        Vector256<uint> special = Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(HalfInfinity)) & Vector256.Create(SingleExponent);
        Vector256<uint> sign = (bits << 16) & Vector256.Create(SingleSign);
        return (scaled.AsUInt32() | special | sign).AsSingle();
    }

    /// <summary>Converts the 4 halves in the low 64 bits of <paramref name="halves"/> to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ToSingleLower(Vector128<ushort> halves)
    {
        Vector128<uint> bits = Vector128.WidenLower(halves);
        Vector128<uint> magnitude = bits & Vector128.Create(ExponentAndMantissa);
        Vector128<float> scaled = (magnitude << 13).AsSingle() * Vector128.Create(RescaleBits).AsSingle();
        Vector128<uint> special = Vector128.GreaterThanOrEqual(magnitude, Vector128.Create(HalfInfinity)) & Vector128.Create(SingleExponent);
        Vector128<uint> sign = (bits << 16) & Vector128.Create(SingleSign);
        return (scaled.AsUInt32() | special | sign).AsSingle();
    }

    /// <summary>Loads 16 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load512(ref Half source, nuint index) =>
        ToSingle(Vector256.LoadUnsafe(ref Unsafe.As<Half, ushort>(ref source), index));

    /// <summary>Loads 8 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load256(ref Half source, nuint index) =>
        ToSingle(Vector128.LoadUnsafe(ref Unsafe.As<Half, ushort>(ref source), index));

    /// <summary>Loads 4 halves from <paramref name="source"/> + <paramref name="index"/> as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load128(ref Half source, nuint index)
    {
        ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<Half, byte>(ref Unsafe.Add(ref source, index)));
        return ToSingleLower(Vector128.CreateScalarUnsafe(four).AsUInt16());
    }
}
