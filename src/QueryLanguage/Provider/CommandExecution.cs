using System.Data;
using VecStore.QueryLanguage.Execution;

namespace VecStore;

/// <summary>How a command and a batch run their statements: the caller's token linked to the command's monitor, each call timed on its own.</summary>
internal static class CommandExecution
{
    /// <summary>Runs every statement; the rows inserted, updated or deleted, or -1 when none changes rows.</summary>
    public static int NonQuery(CommandRunner runner, CancellationToken cancellationToken)
    {
        using var link = runner.Monitor.Link(cancellationToken);
        runner.Monitor.Enter(armToken: true);
        try
        {
            int affected = -1;
            while (runner.Next() is { } result)
            {
                result.Rows?.Dispose();
                if (result.RecordsAffected >= 0)
                    affected = (affected < 0 ? 0 : affected) + result.RecordsAffected;
            }
            return affected;
        }
        finally
        {
            runner.Monitor.Exit();
        }
    }

    /// <summary>Runs statements up to the first result set and returns a reader over them.</summary>
    public static VecStoreDataReader Reader(VecStoreCommand? command, VecStoreConnection? connection, CommandRunner runner, CommandBehavior behavior, CancellationToken cancellationToken)
    {
        using var link = runner.Monitor.Link(cancellationToken);
        return VecStoreDataReader.Create(command, connection, runner, behavior);
    }

    /// <summary>The first column of the first row, or null; the statements after it run too.</summary>
    public static object? Scalar(VecStoreCommand? command, VecStoreConnection? connection, CommandRunner runner, CancellationToken cancellationToken)
    {
        using var link = runner.Monitor.Link(cancellationToken);
        using var reader = VecStoreDataReader.Create(command, connection, runner, CommandBehavior.Default);
        return reader.Read() ? reader.GetValue(0) : null;
    }
}
