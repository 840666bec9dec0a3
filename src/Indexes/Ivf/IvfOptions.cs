namespace VecStore.Indexes.Ivf;

/// <summary>How an <see cref="IvfIndex"/> partitions its vectors and searches them by default.</summary>
/// <remarks>
/// More <see cref="Lists"/> make each list shorter (faster scans at the same <see cref="NProbe"/>)
/// but need more probes for the same recall and a longer training; about 4·√n is a good start.
/// </remarks>
public sealed record IvfOptions
{
    /// <summary>Number of inverted lists (k-means centroids); at least 1.</summary>
    public int Lists { get; init; } = 1024;

    /// <summary>Lists a search scans when none is given; at least 1, capped at <see cref="Lists"/>.</summary>
    public int NProbe { get; init; } = 8;

    /// <summary>Seed of the training sample and the k-means initialisation, so that training is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads training, <see cref="IvfIndex.Build"/> and wide searches may use; at least 1.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Training points drawn per list, at least 1; the sample holds at least 16,384 points and at most every vector (see TrainingSample.SizeFor).</summary>
    public int TrainingSamplePerList { get; init; } = 64;

    /// <summary>Checks every value, naming the first that is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Lists, 1, nameof(Lists));
        ArgumentOutOfRangeException.ThrowIfLessThan(NProbe, 1, nameof(NProbe));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxThreads, 1, nameof(MaxThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingSamplePerList, 1, nameof(TrainingSamplePerList));
    }
}
