using System.Diagnostics.CodeAnalysis;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes;

/// <summary>Throws the argument exceptions of this assembly, kept out of line so that hot callers stay small.</summary>
/// <remarks>Every exception here is a programming error of the caller, never a message for users.</remarks>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void LengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected a span of {expected} elements but found {actual}.", paramName);

    [DoesNotReturn]
    public static void BlockTooShort(int blockIndex, string what, long expected, long actual) =>
        throw new ArgumentException($"Block {blockIndex} declares more vectors than its {what} hold: expected at least {expected} elements but found {actual}.", "vectors");

    [DoesNotReturn]
    public static void VectorLengthMismatch(long id, int expected, int actual) =>
        throw new ArgumentException($"The source returned {actual} bytes for id {id} but its vectors take {expected}.", "vectors");

    [DoesNotReturn]
    public static void UnknownMetric(Metric metric) =>
        throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");

    [DoesNotReturn]
    public static void UnsupportedMetric(VectorElement element, Metric metric) =>
        throw new ArgumentException($"The {metric} metric cannot compare {element} vectors.", nameof(metric));

    [DoesNotReturn]
    public static void NotABit(int index, float value) =>
        throw new ArgumentException($"A bit vector query holds 0 or 1 in every element, but element {index} is {value}.", "query");

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);
}
