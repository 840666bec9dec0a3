using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Collections;

/// <summary>The total order of search results: by distance, then by id, with NaN distances last.</summary>
/// <remarks>
/// A total order makes results deterministic: ties never depend on scan order or on how the
/// work was split over threads. NaN (from NaN in stored data) sorts after every number so that
/// it cannot displace a real result.
/// </remarks>
internal static class NeighborOrder
{
    /// <summary>Negative when (<paramref name="distance"/>, <paramref name="id"/>) comes first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(double distance, long id, double otherDistance, long otherId)
    {
        if (distance < otherDistance)
        {
            return -1;
        }

        if (distance > otherDistance)
        {
            return 1;
        }

        if (distance == otherDistance)
        {
            return id.CompareTo(otherId);
        }

        // At least one is NaN.
        bool nan = double.IsNaN(distance);
        bool otherNan = double.IsNaN(otherDistance);
        return nan == otherNan ? id.CompareTo(otherId) : (nan ? 1 : -1);
    }
}
