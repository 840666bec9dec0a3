using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VecStore.Indexes.Distance;

/// <summary>Per-byte population counts in vector registers, for the bit-vector kernels.</summary>
/// <remarks>
/// .NET 10 exposes no vector popcount instruction (no <c>Avx512Vpopcntdq</c> class), so each
/// byte is counted by looking up its two nibbles in a 16-entry table with a byte shuffle, and
/// the byte counts are summed into 64-bit lanes with a sum of absolute differences against zero.
/// </remarks>
internal static class BitCount
{
    /// <summary>Number of set bits in each 64-bit lane of <paramref name="bits"/>; <paramref name="table"/> is the nibble table of that width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> PerLane(Vector512<ulong> bits, Vector512<byte> table)
    {
        Vector512<byte> low = bits.AsByte() & Vector512.Create((byte)0x0F);
        Vector512<byte> high = Vector512.ShiftRightLogical(bits.AsUInt16(), 4).AsByte() & Vector512.Create((byte)0x0F);
        Vector512<byte> perByte = Avx512BW.Shuffle(table, low) + Avx512BW.Shuffle(table, high);
        return Avx512BW.SumAbsoluteDifferences(perByte, Vector512<byte>.Zero).AsUInt64();
    }

    /// <summary>Number of set bits in each 64-bit lane of <paramref name="bits"/>; <paramref name="table"/> is the nibble table of that width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> PerLane(Vector256<ulong> bits, Vector256<byte> table)
    {
        Vector256<byte> low = bits.AsByte() & Vector256.Create((byte)0x0F);
        Vector256<byte> high = Vector256.ShiftRightLogical(bits.AsUInt16(), 4).AsByte() & Vector256.Create((byte)0x0F);
        Vector256<byte> perByte = Avx2.Shuffle(table, low) + Avx2.Shuffle(table, high);
        return Avx2.SumAbsoluteDifferences(perByte, Vector256<byte>.Zero).AsUInt64();
    }

    /// <summary>Number of set bits in each 64-bit lane of <paramref name="bits"/>; <paramref name="table"/> is the nibble table of that width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> PerLane(Vector128<ulong> bits, Vector128<byte> table)
    {
        Vector128<byte> low = bits.AsByte() & Vector128.Create((byte)0x0F);
        Vector128<byte> high = Vector128.ShiftRightLogical(bits.AsUInt16(), 4).AsByte() & Vector128.Create((byte)0x0F);
        Vector128<byte> perByte = Ssse3.Shuffle(table, low) + Ssse3.Shuffle(table, high);
        return Sse2.SumAbsoluteDifferences(perByte, Vector128<byte>.Zero).AsUInt64();
    }

    /// <summary>The number of set bits of each value 0..15, in every 128-bit lane; made once per kernel call, outside its loop.</summary>
    public static Vector512<byte> Table512 => Vector512.Create(Table128);

    /// <summary>As <see cref="Table512"/>, 256 bits wide.</summary>
    public static Vector256<byte> Table256 => Vector256.Create(Table128);

    /// <summary>As <see cref="Table512"/>, 128 bits wide.</summary>
    public static Vector128<byte> Table128 => Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
}
