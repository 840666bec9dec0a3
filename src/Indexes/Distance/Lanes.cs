using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Horizontal sums that fold a register in halves, the short way.</summary>
/// <remarks>
/// <see cref="Vector512.Sum{T}(Vector512{T})"/> reduces each 128-bit quarter separately; folding
/// halves first takes about a third of the instructions, which shows for short vectors where
/// the final sum is a large share of each comparison. The order of additions is fixed, so a
/// given input always gives the same result.
/// </remarks>
internal static class Lanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> v) => Sum(v.GetLower() + v.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector128.Sum(v.GetLower() + v.GetUpper());
}
