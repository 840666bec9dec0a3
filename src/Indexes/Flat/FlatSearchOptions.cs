namespace VecStore.Indexes.Flat;

/// <summary>How a <see cref="FlatIndex"/> spreads a scan over threads.</summary>
/// <remarks>Results never depend on these settings, only the time taken does.</remarks>
public sealed record FlatSearchOptions
{
    private readonly int _maxThreads = Environment.ProcessorCount;
    private readonly long _parallelThreshold = DefaultParallelThreshold;

    /// <summary>The <see cref="ParallelThreshold"/> used when none is given, in floats.</summary>
    /// <remarks>
    /// Asking for help costs the caller about a microsecond, but a pool thread needs tens of
    /// microseconds to wake and join, and on a busy machine far longer. A million floats (4 MB)
    /// take one thread about 60 µs in cache and 100-150 µs from memory; below that a split
    /// rarely finishes sooner and only takes a core from other work.
    /// </remarks>
    public const long DefaultParallelThreshold = 1L << 20;

    /// <summary>The options used when none are given.</summary>
    public static FlatSearchOptions Default { get; } = new();

    /// <summary>The most threads one search uses, at least 1; by default the processor count.</summary>
    public int MaxThreads
    {
        get => _maxThreads;
        init => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxThreads), value, "At least one thread is needed.");
    }

    /// <summary>Stops the scan: checked once per block of the source (hundreds of vectors), so a cancellable scan costs no more than another.</summary>
    /// <remarks>A cancelled search throws <see cref="OperationCanceledException"/>.</remarks>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The scan is split over threads only when it compares more floats than this: vectors × dimensions, times the number of queries for a batch.</summary>
    public long ParallelThreshold
    {
        get => _parallelThreshold;
        init => _parallelThreshold = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ParallelThreshold), value, "The threshold cannot be negative.");
    }
}
