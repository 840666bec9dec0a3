using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>BACKUP TO 'path': an archive of one snapshot; a read, so read-only connections may run it.</summary>
/// <param name="PathSpan">The string literal, where errors about the path point.</param>
internal sealed record BoundBackup(string Path, SourceSpan PathSpan, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;
}

/// <summary>RESTORE FROM 'path': the archive's database in place of this new, empty one.</summary>
/// <param name="PathSpan">The string literal, where errors about the path point.</param>
internal sealed record BoundRestore(string Path, SourceSpan PathSpan, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>VACUUM: compact the vector file, the vector indexes and the SQLite file.</summary>
internal sealed record BoundVacuum(SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}
