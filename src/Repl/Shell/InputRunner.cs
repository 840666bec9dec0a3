using VecStore.Repl.DotCommands;

namespace VecStore.Repl.Shell;

/// <summary>Reads input line by line and runs each dot-command and each SQL statement in turn.</summary>
/// <remarks>
/// A line that starts with '.' when no statement is under way is a dot-command, as in sqlite3;
/// <c>\q</c>, <c>exit</c> and <c>quit</c> leave (<see cref="QuitWords"/>); every other line is SQL,
/// and a statement runs as soon as its <c>;</c> is read. An error is printed and the input goes on,
/// unless <c>--bail</c> was given. The input goes on at the next line, as in sqlite3: a failed
/// statement ends the statements that were on the same line (and a statement begun on it), as a
/// failed statement ends the rest of one command text. At the end of a script, a last statement
/// without its <c>;</c> still runs; at the end of interactive input it is dropped.
/// </remarks>
internal sealed class InputRunner(ShellContext context)
{
    /// <summary>Runs all of <paramref name="lines"/>, or until <c>.quit</c> or a bailing error.</summary>
    /// <param name="lines">Where the lines come from.</param>
    /// <param name="interactive">True for a person at a prompt: line numbers restart with each statement and Ctrl+C drops the statement being typed.</param>
    public void Run(ILineSource lines, bool interactive)
    {
        var splitter = new StatementSplitter();
        // After an error, the statements completed until a line ends with no statement under way are skipped.
        bool skipping = false;
        while (!context.ShouldStop)
        {
            if (interactive && splitter.IsEmpty)
                splitter.RestartLineNumbers();

            string? line;
            try
            {
                line = lines.ReadLine(continuation: !splitter.IsEmpty);
            }
            catch (OperationCanceledException)
            {
                splitter.Reset();
                skipping = false;
                continue;
            }
            if (line is null)
                break;

            if (context.Echo)
                context.Output.WriteLine(line);
            if (QuitWords.AskToQuit(line, statementUnderWay: !splitter.IsEmpty))
            {
                context.QuitRequested = true;
                return;
            }
            if (splitter.IsEmpty && DotCommandLine.IsDotCommand(line))
            {
                splitter.SkipLine();
                DotCommandDispatcher.Run(context, line);
                context.CommandFinished();
                continue;
            }
            foreach (var statement in splitter.AddLine(line))
            {
                if (skipping)
                    continue;
                skipping = !StatementRunner.Run(context, statement);
                context.CommandFinished();
                if (context.ShouldStop)
                    return;
            }
            if (splitter.IsEmpty)
                skipping = false;
        }

        if (!interactive && !context.ShouldStop && splitter.Finish() is { } last && !skipping)
        {
            StatementRunner.Run(context, last);
            context.CommandFinished();
        }
    }
}
