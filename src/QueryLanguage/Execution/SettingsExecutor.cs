using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Settings;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs SET, RESET and SHOW on the session's settings; SHOW returns name, value, source and description.</summary>
/// <remarks>They touch no table and take no statement scope, so they run inside a transaction, beside an open reader's statement or on a read-only connection alike.</remarks>
internal static class SettingsExecutor
{
    private static readonly OutputColumn[] Columns =
    [
        new("name", typeof(string), "TEXT", null, null),
        new("value", typeof(string), "TEXT", null, null),
        new("source", typeof(string), "TEXT", null, null),
        new("description", typeof(string), "TEXT", null, null),
    ];

    public static StatementResult Run(Session session, BoundStatement bound)
    {
        var settings = session.Settings;
        switch (bound)
        {
            case BoundShow show:
            {
                var rows = new List<object?[]>();
                foreach (var setting in SessionSetting.All)
                {
                    if (show.Setting is not null && !ReferenceEquals(show.Setting, setting))
                        continue;
                    rows.Add(settings.TryGet(setting.Name, out var value, out bool local)
                        ? [setting.Name, SessionSetting.Text(value), local ? "SET LOCAL" : "SET", setting.Description]
                        : [setting.Name, setting.Default, "default", setting.Description]);
                }
                return new StatementResult(new MaterializedResultSet(Columns, rows), -1);
            }
            case BoundSetting { Setting: null }:
                settings.ResetAll();
                break;
            case BoundSetting { Local: true } local:
                if (!session.InTransaction)
                    throw new VecStoreException(ErrorCode.NoActiveTransaction,
                        "SET LOCAL lasts until the transaction ends, and none is open; BEGIN one first, or use SET for the session");
                settings.SetLocal(local.Setting!.Name, local.Value);
                break;
            case BoundSetting { Value: null } reset:
                settings.Reset(reset.Setting!.Name);
                break;
            case BoundSetting set:
                settings.Set(set.Setting!.Name, set.Value!);
                break;
        }
        return new StatementResult(null, -1);
    }
}
