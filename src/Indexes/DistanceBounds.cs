namespace VecStore.Indexes;

/// <summary>The distances a range search keeps: above <see cref="Lower"/> and below <see cref="Upper"/>, each bound inclusive or not.</summary>
/// <remarks>
/// Distances are those a search reports (for L2 the square root, for inner product the negated dot
/// product), compared as the doubles a search reports, so a caller holding a double limit gets
/// exactly the vectors whose reported distance satisfies it. An
/// open bound is an infinity. A NaN distance is never within, and a NaN bound keeps nothing, as a
/// comparison with NULL is never true in SQL.
/// </remarks>
public readonly record struct DistanceBounds(double Lower, bool LowerInclusive, double Upper, bool UpperInclusive)
{
    /// <summary>Every distance that is not NaN.</summary>
    public static DistanceBounds All => new(double.NegativeInfinity, true, double.PositiveInfinity, true);

    /// <summary>True when the lower bound excludes something (it is not an inclusive -infinity).</summary>
    public bool HasLower => !(LowerInclusive && double.IsNegativeInfinity(Lower));

    /// <summary>True when the upper bound excludes something (it is not an inclusive +infinity).</summary>
    public bool HasUpper => !(UpperInclusive && double.IsPositiveInfinity(Upper));

    /// <summary>True when no distance can be within: a NaN bound, or bounds that cross.</summary>
    public bool IsEmpty => double.IsNaN(Lower) || double.IsNaN(Upper) || Lower > Upper || (Lower == Upper && !(LowerInclusive && UpperInclusive));

    /// <summary>Whether <paramref name="distance"/> lies within the bounds.</summary>
    public bool Contains(double distance) =>
        (LowerInclusive ? distance >= Lower : distance > Lower) && (UpperInclusive ? distance <= Upper : distance < Upper);

    /// <summary>The distances within both these bounds and <paramref name="other"/>.</summary>
    public DistanceBounds Intersect(DistanceBounds other)
    {
        // NaN wins either way (Math.Max and Math.Min return it), so an empty side stays empty.
        double lower = Math.Max(Lower, other.Lower);
        double upper = Math.Min(Upper, other.Upper);
        bool lowerInclusive = (Lower != lower || LowerInclusive) && (other.Lower != lower || other.LowerInclusive);
        bool upperInclusive = (Upper != upper || UpperInclusive) && (other.Upper != upper || other.UpperInclusive);
        return new DistanceBounds(lower, lowerInclusive, upper, upperInclusive);
    }

    /// <summary>The bounds of the negated distances: what bounds on <c>-d</c> say about <c>d</c>.</summary>
    /// <remarks>Negation is exact for doubles, so no distance moves across a bound.</remarks>
    public DistanceBounds Negate() => new(-Upper, UpperInclusive, -Lower, LowerInclusive);
}
