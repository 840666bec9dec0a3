namespace VecStore.Indexes.Ivf;

/// <summary>How an <see cref="IvfPqIndex"/> partitions, compresses and searches its vectors.</summary>
/// <remarks>
/// <see cref="Lists"/> and <see cref="NProbe"/> mean what they mean for <see cref="IvfOptions"/>.
/// <see cref="M"/> trades size for precision: each vector is coded in M bytes, and the dimensions
/// must divide by M. A larger <see cref="Refine"/> re-ranks more candidates exactly, which mends
/// more of the quantization error at the cost of one exact distance per extra candidate.
/// </remarks>
public sealed record IvfPqOptions
{
    /// <summary>Number of inverted lists (coarse k-means centroids); at least 1.</summary>
    public int Lists { get; init; } = 1024;

    /// <summary>Lists a search scans when none is given; at least 1, capped at <see cref="Lists"/>.</summary>
    public int NProbe { get; init; } = 8;

    /// <summary>Bytes per code, one per slice of <c>dimensions / M</c> elements; at least 1 and a divisor of the dimensions.</summary>
    public int M { get; init; } = 8;

    /// <summary>A search keeps <c>Refine × k</c> candidates by code distance and re-ranks them exactly; at least 1.</summary>
    public int Refine { get; init; } = 4;

    /// <summary>Seed of the training sample and of both k-means initialisations, so that training is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads training, <see cref="IvfPqIndex.Build"/> may use; at least 1.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Training points drawn per list, at least 1; the sample holds at least 65,536 points and at most every vector (see TrainingSample.SizeFor).</summary>
    public int TrainingSamplePerList { get; init; } = 64;

    /// <summary>Checks every value, naming the first that is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Lists, 1, nameof(Lists));
        ArgumentOutOfRangeException.ThrowIfLessThan(NProbe, 1, nameof(NProbe));
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 1, nameof(M));
        ArgumentOutOfRangeException.ThrowIfLessThan(Refine, 1, nameof(Refine));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxThreads, 1, nameof(MaxThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingSamplePerList, 1, nameof(TrainingSamplePerList));
    }
}
