namespace VecStore.TestSupport;

/// <summary>The brute-force oracle for extreme values: distances in double, and how far a float32 computation may honestly be from them.</summary>
/// <remarks>
/// Metrics by their SQL names (l2, cosine, ip, l1); inner product as the negated dot product, the
/// order a search ranks by. A float32 kernel that does not overflow or underflow is within a few
/// units of rounding of the double value, relative to the value for L2 and L1 (sums of
/// non-negative terms), to the sum of |xᵢyᵢ| for the dot product (cancellation), and absolutely
/// for cosine, whose value lies in [0, 2]. <see cref="Tolerance"/> allows 1e-4 of that scale.
/// </remarks>
public static class PreciseDistances
{
    /// <summary>The distance and the scale its rounding is measured against; NaN for a cosine with a zero vector, which has no direction.</summary>
    public static (double Distance, double Scale) Of(string metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, absDot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            dot += x * y;
            absDot += Math.Abs(x * y);
            na += x * x;
            nb += y * y;
            l2 += (x - y) * (x - y);
            l1 += Math.Abs(x - y);
        }
        return metric switch
        {
            "l2" => (Math.Sqrt(l2), Math.Sqrt(l2)),
            "cosine" => (na == 0 || nb == 0 ? double.NaN : 1 - (dot / Math.Sqrt(na * nb)), 1),
            "ip" => (-dot, absDot),
            "l1" => (l1, l1),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a float metric"),
        };
    }

    /// <summary>How far a reported distance may lie from the double one whose scale is <paramref name="scale"/>.</summary>
    public static double Tolerance(double scale) => 1e-4 * scale;

    /// <summary>Whether <paramref name="reported"/> is within tolerance of <paramref name="exact"/> at <paramref name="scale"/>; NaN matches only NaN.</summary>
    public static bool Close(double reported, double exact, double scale) =>
        double.IsNaN(reported) || double.IsNaN(exact) ? double.IsNaN(reported) && double.IsNaN(exact) : Math.Abs(reported - exact) <= Tolerance(scale);
}
