using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float32 vectors by cosine distance, with the query's norm prepared once per search.</summary>
internal readonly struct CosineScorer : IScorer
{
    public static VectorElement Element => VectorElement.Float32;

    public static double Prepare(ReadOnlySpan<float> query) => CosineDistance.QueryNorm(query);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        CosineDistance.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions, prepared);

    public static float ToDistance(float score) => score;
}
