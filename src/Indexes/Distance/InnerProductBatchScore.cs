using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Ranks by the negated dot product, as the inner-product metric does.</summary>
internal readonly struct InnerProductBatchScore : IBatchScore
{
    public static float RowFactor(float squaredNorm) => 0f;

    public static float QueryFactor(float squaredNorm) => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Score(Vector512<float> dots, Vector512<float> rowFactor, Vector512<float> queryFactors) => -dots;
}
