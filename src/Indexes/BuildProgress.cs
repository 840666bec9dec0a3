namespace VecStore.Indexes;

/// <summary>How far an index build has got: the stage it is in and the work done of that stage's total.</summary>
/// <param name="Stage">The stage being worked on.</param>
/// <param name="Done">Work done in this stage, in its units (see <see cref="BuildStage"/>).</param>
/// <param name="Total">The stage's whole work in the same units.</param>
public readonly record struct BuildProgress(BuildStage Stage, long Done, long Total);
