using System.CommandLine;
using VecStore.Repl.Output;

namespace VecStore.Repl.Cli;

/// <summary><c>vecstore check FILE</c>: opens a database read-only, runs CHECK and prints the state of every file.</summary>
/// <remarks>
/// Exit codes, for scripts: 0 when every file is ok, 1 when CHECK found damage, 2 when the
/// database cannot be opened or checked at all (missing, not a VecStore database, damaged past
/// opening). A missing file is never created: the database is opened read-only.
/// </remarks>
internal sealed class CheckCommand : Command
{
    public const int ExitOk = 0;
    public const int ExitDamaged = 1;
    public const int ExitCannotCheck = 2;

    private readonly StandardStreams _streams;

    private readonly Argument<string> _path = new("FILE") { Description = "The database file (.vdb) to check" };

    /// <summary>The command, writing to <paramref name="streams"/>.</summary>
    public CheckCommand(StandardStreams streams)
        : base("check", "Check every file of a database (SQLite file, vector log, vector pages, indexes) read-only; exit 0 when all are ok, 1 when damage is found, 2 when it cannot be opened")
    {
        _streams = streams;
        Add(_path);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        string path = parse.GetValue(_path)!;
        if (!File.Exists(path))
        {
            _streams.Error.WriteLine($"Error: cannot check '{path}': the file does not exist");
            return ExitCannotCheck;
        }
        ResultTable table;
        int damaged = 0;
        try
        {
            using var connection = DatabaseOpener.Open(path, readOnly: true);
            using var command = new VecStoreCommand("CHECK", connection);
            using var reader = command.ExecuteReader();
            table = ResultTable.Read(reader);
            int status = Array.IndexOf([.. table.Headers], "status");
            foreach (var row in table.Rows)
                if (row[status] != "ok")
                    damaged++;
        }
        catch (VecStoreException exception)
        {
            _streams.Error.WriteLine($"Error: cannot check '{path}': {exception.Message}");
            return ExitCannotCheck;
        }

        PlainTableRenderer.Write(table, _streams.Output);
        _streams.Output.WriteLine(damaged == 0
            ? $"{path}: every file is ok"
            : $"{path}: {damaged} problem{(damaged == 1 ? "" : "s")} found");
        return damaged == 0 ? ExitOk : ExitDamaged;
    }
}
