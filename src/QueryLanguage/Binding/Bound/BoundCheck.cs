using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>CHECK: report the state of every file of the database.</summary>
internal sealed record BoundCheck(SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;
}
