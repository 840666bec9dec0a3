using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Settings;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>SET, SET LOCAL, SET ... TO DEFAULT and RESET: a checked value for a setting, or a reset.</summary>
/// <param name="Setting">The setting, or null for RESET ALL.</param>
/// <param name="Value">The value as the setting stores it (<see cref="SessionSetting.Read"/>), or null to reset.</param>
/// <param name="Local">True for SET LOCAL.</param>
internal sealed record BoundSetting(SessionSetting? Setting, object? Value, bool Local, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;
}

/// <summary>SHOW name | ALL.</summary>
/// <param name="Setting">The setting, or null for ALL.</param>
internal sealed record BoundShow(SessionSetting? Setting, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;
}
