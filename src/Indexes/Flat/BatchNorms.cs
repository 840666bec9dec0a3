using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>Which squared norms a batched search's dot-product form cannot rank in float32, so that the batch is answered one query at a time instead.</summary>
/// <remarks>
/// The batch ranks by <c>|v|² - 2 q·v</c> (or a dot product over norms) in float32 before rescoring
/// its candidates exactly; with a squared norm past a quarter of float32's range that sum can
/// overflow, and below <see cref="ScoreReliability.Tiny"/> its products underflow, so the
/// candidates themselves could be wrong. A single search has no such step (its kernels compute
/// differences first and fall back to double, <see cref="ScoreReliability"/>). A zero vector is
/// exact in the L2 and inner-product forms, but has no direction for cosine.
/// </remarks>
internal static class BatchNorms
{
    private const float Largest = float.MaxValue / 4;

    public static bool IsExtreme<TBatch>(float squaredNorm)
        where TBatch : struct, IBatchScore =>
        !(squaredNorm <= Largest && (squaredNorm >= ScoreReliability.Tiny || (squaredNorm == 0 && typeof(TBatch) != typeof(CosineBatchScore))));
}
