using System.Diagnostics;
using System.Globalization;

namespace VecStore.Repl.Shell;

/// <summary>Runs one SQL statement on the session's connection and prints its result, its time, or its error.</summary>
internal static class StatementRunner
{
    private static readonly System.Text.RegularExpressions.Regex CreateVectorIndex = new(
        @"^\s*CREATE\s+INDEX\b.*\bUSING\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);

    private static bool BuildsVectorIndex(string text) => CreateVectorIndex.IsMatch(text);

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
            if (BuildsVectorIndex(statement.CommandText))
            {
                // Building a graph over many vectors takes a while: show how far it got.
                Output.LoadProgress.Run<int>(context.Streams, "Building the index", null, progress =>
                {
                    context.Connection.IndexBuildProgress = progress;
                    try
                    {
                        using var building = command.ExecuteReader();
                        context.Printer.Print(building, statement);
                    }
                    finally
                    {
                        context.Connection.IndexBuildProgress = null;
                    }
                    return 0;
                });
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
