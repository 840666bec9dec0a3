using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Ranks by <c>1 - q·v / (|q| |v|)</c> from the dot product and both inverse norms.</summary>
/// <remarks>A zero vector gets the inverse norm 0, so its score is 1, as <see cref="CosineDistance"/> defines it.</remarks>
internal readonly struct CosineBatchScore : IBatchScore
{
    public static float RowFactor(float squaredNorm) => InverseNorm(squaredNorm);

    public static float QueryFactor(float squaredNorm) => InverseNorm(squaredNorm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Score(Vector512<float> dots, Vector512<float> rowFactor, Vector512<float> queryFactors) =>
        Vector512.FusedMultiplyAdd(-dots * rowFactor, queryFactors, Vector512<float>.One);

    // NaN stays NaN, so that a vector holding NaN ranks last here as it does in the exact score.
    private static float InverseNorm(float squaredNorm) => squaredNorm == 0f ? 0f : (float)(1.0 / Math.Sqrt(squaredNorm));
}
