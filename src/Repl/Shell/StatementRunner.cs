using System.Diagnostics;
using System.Globalization;

namespace VecStore.Repl.Shell;

/// <summary>Runs one SQL statement on the session's connection and prints its result, its time, or its error.</summary>
/// <remarks>
/// Ctrl+C while the statement runs cancels it (<see cref="StatementInterrupt"/>): it fails with
/// VECSQL0230, changes nothing, and the shell goes on. Statements that can take long and report
/// their stages (CREATE INDEX ... USING, VACUUM, BACKUP, RESTORE, CHECK, ANALYZE) show them as
/// progress bars on a terminal.
/// </remarks>
internal static class StatementRunner
{
    private static readonly System.Text.RegularExpressions.Regex ReportsProgress = new(
        @"^\s*(CREATE\s+INDEX\b.*\bUSING\b|VACUUM\b|BACKUP\b|RESTORE\b|CHECK\b|ANALYZE\b)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>Runs <paramref name="statement"/>; returns false when it failed (the error has been printed).</summary>
    public static bool Run(ShellContext context, SqlStatement statement)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var command = context.Connection.CreateCommand();
            command.CommandText = statement.CommandText;
            foreach (var (name, value) in context.Parameters)
                command.Parameters.AddWithValue(name, value);
            using var interrupt = StatementInterrupt.Around(command.Cancel);
            if (ReportsProgress.IsMatch(statement.CommandText))
            {
                // The statement runs while the bars show; its result prints once they are cleared.
                using var reported = Output.StageProgress.Run(context.Streams, progress =>
                {
                    command.Progress = progress;
                    return command.ExecuteReader();
                });
                context.Printer.Print(reported, statement);
                return true;
            }
            using var reader = command.ExecuteReader();
            context.Printer.Print(reader, statement);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            context.Errors.Report(exception);
            return false;
        }
        finally
        {
            if (context.Timer)
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Run time: {clock.Elapsed.TotalMilliseconds:0.000} ms"));
        }
    }
}
