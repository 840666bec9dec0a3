namespace VecStore;

/// <summary>How far a long statement has got: the stage it is in, and the work done of that stage's total.</summary>
/// <remarks>
/// Reported through <c>VecStoreCommand.Progress</c> by CREATE INDEX (sampling, k-means, codebooks,
/// adding or linking vectors, tuning the search breadth), VACUUM, BACKUP, RESTORE, CHECK and
/// ANALYZE. A statement reports each stage once with <see cref="Done"/> = 0 as it begins, then
/// every few thousand vectors, pages or megabytes, or once per k-means iteration.
/// </remarks>
/// <param name="Stage">What the statement is doing now, in words: <c>linking vectors into the graph</c>.</param>
/// <param name="Done">Work done in this stage, in the stage's units (vectors, iterations, blocks, pages, bytes).</param>
/// <param name="Total">The stage's whole work in the same units; 0 when it is not known.</param>
public readonly record struct VecStoreProgress(string Stage, long Done, long Total)
{
    /// <summary>The share of the stage done, 0 to 1, or null when the total is not known.</summary>
    public double? Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : null;
}
