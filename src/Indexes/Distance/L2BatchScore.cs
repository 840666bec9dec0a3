using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Ranks by <c>|v|² - 2 q·v</c>, which is the squared distance less the query's constant <c>|q|²</c>.</summary>
/// <remarks>
/// Expanding the square cancels large terms when vectors lie far from the origin relative to
/// their distances; the exact rescoring of the candidates is what keeps the results right then.
/// </remarks>
internal readonly struct L2BatchScore : IBatchScore
{
    public static float RowFactor(float squaredNorm) => squaredNorm;

    public static float QueryFactor(float squaredNorm) => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Score(Vector512<float> dots, Vector512<float> rowFactor, Vector512<float> queryFactors) =>
        Vector512.FusedMultiplyAdd(dots, Vector512.Create(-2f), rowFactor);
}
