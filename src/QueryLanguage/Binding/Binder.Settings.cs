using VecStore.Storage.Catalog;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.QueryLanguage.Settings;

namespace VecStore.QueryLanguage.Binding;

// SET, RESET and SHOW: the setting's name and value are checked here, with carets; CommandRunner applies them.
internal sealed partial class Binder
{
    /// <summary>True for the statements that read or change the session's settings and touch no table.</summary>
    public static bool IsSetting(Statement statement) => statement is SetStatement or ResetStatement or ShowStatement;

    private BoundStatement BindSet(SetStatement set)
    {
        var setting = FindSetting(set.Name);
        if (setting is null || set.Value is null)
            return new BoundSetting(setting, null, set.Local, set.Span);
        var value = Evaluate(set.Value);
        if (ReferenceEquals(value, Invalid))
            return new BoundSetting(setting, null, set.Local, set.Span);
        var (stored, problem) = setting.Read(value);
        if (problem is not null)
            Error(ErrorCode.InvalidSettingValue, set.Value.Span, problem);
        return new BoundSetting(setting, stored, set.Local, set.Span);
    }

    private BoundStatement BindReset(ResetStatement reset)
        => new BoundSetting(reset.Name is null ? null : FindSetting(reset.Name), null, false, reset.Span);

    private BoundStatement BindShow(ShowStatement show)
        => new BoundShow(show.Name is null ? null : FindSetting(show.Name), show.Span);

    private SessionSetting? FindSetting(Identifier name)
    {
        var setting = SessionSetting.Find(name.Text);
        if (setting is null)
            Error(ErrorCode.UnknownSetting, name.Span, SessionSetting.Unknown(name.Text));
        return setting;
    }

    /// <summary>
    /// The session's settings as defaults of a single-table SELECT: each where the query's WITH gives
    /// no value of its own and the setting applies (strategy to a nearest-neighbour search; ef_search
    /// where an HNSW index ranks it, nprobe where an IVF or IVFPQ index does). The others are noted
    /// for EXPLAIN rather than refused: a session default is meant for many queries, and a query it
    /// does not fit should run as it would without it, as PostgreSQL treats hnsw.ef_search.
    /// </summary>
    private BoundSelect WithSessionSettings(BoundSelect bound, bool breadthGiven, bool strategyGiven)
    {
        bool nearest = bound.OrderBy.Count >= 1 && bound.OrderBy[0].Distance is not null && !bound.IsAggregate;
        if (!nearest)
            return bound;
        var notes = new List<string>();
        if (_settings.TryGet(SessionSetting.Strategy.Name, out var strategyValue, out bool localStrategy)
            && TryStrategy((string)strategyValue, out var strategy) && strategy != Planning.SearchStrategy.Auto)
        {
            string set = $"{Origin(localStrategy)} strategy = '{strategyValue}'";
            if (strategyGiven)
                notes.Add($"{set} not used: WITH (strategy = ...) gives this query's own");
            else if (strategy is Planning.SearchStrategy.Index or Planning.SearchStrategy.Postfilter
                && Planning.Planner.AnnIndexFor(bound with { Strategy = strategy }) is null)
                notes.Add($"{set} not used: {WhyNoIndex(bound)}");
            else
                bound = bound with { Strategy = strategy, StrategyFromSession = true };
        }

        var index = BreadthIndexFor(bound);
        foreach (var setting in (ReadOnlySpan<SessionSetting>)[SessionSetting.EfSearch, SessionSetting.NProbe])
        {
            if (!_settings.TryGet(setting.Name, out var value, out bool local))
                continue;
            string set = $"{Origin(local)} {setting.Name} = {SessionSetting.Text(value)}";
            bool inverted = ReferenceEquals(setting, SessionSetting.NProbe);
            if (breadthGiven)
                notes.Add($"{set} not used: WITH (...) gives this query's search breadth");
            else if (index is null)
                notes.Add($"{set} not used: this search is exact ({(bound.Strategy is Planning.SearchStrategy.Flat or Planning.SearchStrategy.Prefilter ? $"strategy '{bound.Strategy.ToString().ToLowerInvariant()}'" : WhyNoIndex(bound))})");
            else if (index.Method.IsInvertedFile() != inverted)
                notes.Add($"{set} not used: the search goes through the {index.Method.ToString().ToUpperInvariant()} index {index.Name}");
            else
                bound = bound with { Breadth = (long)value, BreadthFromSession = true };
        }
        return notes.Count == 0 ? bound : bound with { SettingNotes = notes };
    }

    private static string Origin(bool local) => local ? "SET LOCAL" : "SET";
}
