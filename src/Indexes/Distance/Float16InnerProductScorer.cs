using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float16 vectors against a float32 query by the negated dot product.</summary>
internal readonly struct Float16InnerProductScorer : IScorer
{
    public static VectorElement Element => VectorElement.Float16;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        -DotProduct.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, Half>(ref vector), dimensions);

    public static float ToDistance(float score) => score;
}
