using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VecStore.Repl.Import;
using VecStore.Repl.Output;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.import FILE [INTO] TABLE [(COL, ...)]</c>: load a .fvecs, .npy, CSV or JSON-lines file into a table, all or nothing.</summary>
/// <remarks>
/// The rows stream from the file (one reader per format in <c>Import/</c>) through one
/// <see cref="VecStoreBulkInsert"/>, so a bad row anywhere leaves the table as it was; the error names
/// the file, the place in it and what was wrong. Inside an open transaction the import is one statement
/// of it. A terminal shows a progress bar; the command ends by printing the rows imported and the time.
/// <c>INTO</c> may be left out, as in sqlite3's <c>.import FILE TABLE</c> (INTO is a reserved word,
/// so no table is called that).
/// </remarks>
internal sealed partial class ImportCommand : DotCommand
{
    public override string Name => "import";

    public override string Usage => ".import FILE [INTO] TABLE [(COL, ...)]";

    public override string Summary => "Load rows from a .fvecs, .npy, .csv or .jsonl file (all or nothing)";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        bool into = line.Arguments.Count >= 2 && string.Equals(line.Arguments[1], "into", StringComparison.OrdinalIgnoreCase);
        if (line.Arguments.Count < (into ? 3 : 2))
            throw new ShellException($"usage: {Usage}");
        string path = line.Arguments[0];
        var (tableName, columns) = ParseTarget(line.TextFrom(into ? 2 : 1));
        // A plain path, checked like RESTORE's: an empty one, a folder, a missing file or folder each have their own error.
        Storage.Backup.PlainFilePath.ForExistingFile(path);
        var table = TargetTable.Read(context.Connection, tableName)
            ?? throw new ShellException($"there is no table named '{tableName}'; .tables lists them");

        long started = Stopwatch.GetTimestamp();
        long rows = Import(context, path, table, columns);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {rows:N0} row{(rows == 1 ? "" : "s")} into {table.Name} in {seconds:F2} s"));
    }

    private static long Import(ShellContext context, string path, TargetTable table, IReadOnlyList<string>? columns)
    {
        IImportReader? reader = null;
        try
        {
            reader = ImportReaders.Open(path, table, columns);
            var bulk = new VecStoreBulkInsert(context.Connection, table.Name, reader.Columns);
            if (reader.ExpectedRows is { } expected)
                bulk.ProgressInterval = (int)Math.Clamp(expected / 200, 1000, 100_000);
            var source = reader;
            return LoadProgress.Run(context.Streams, "Importing " + Path.GetFileName(path), reader.ExpectedRows, progress =>
            {
                bulk.Progress = progress;
                return bulk.Write(source.Rows());
            });
        }
        catch (ImportException exception)
        {
            throw Failed(path, exception.Message);
        }
        catch (VecStoreException exception)
        {
            var numbered = RowPrefix().Match(exception.Reason);
            if (reader is not null && numbered.Success && long.TryParse(numbered.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long row))
                throw Failed(path, $"{exception.CodeName}: {reader.Locate(row)}: {numbered.Groups[2].Value}");
            throw Failed(path, exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw Storage.Backup.PlainFilePath.Failure(path, "importing", exception);
        }
        catch (IOException exception)
        {
            throw Failed(path, exception.Message);
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private static ShellException Failed(string path, string reason) => new($"cannot import '{path}': {reason}; nothing was imported");

    // "t", "t (a, b)", "t(a,b)": the table and the optional column list.
    private (string Table, IReadOnlyList<string>? Columns) ParseTarget(string text)
    {
        var match = TargetPattern().Match(text.Trim());
        if (!match.Success)
            throw new ShellException($"expected a table name and an optional (column, ...) list after the file, not '{text.Trim()}'; usage: {Usage}");
        string table = match.Groups["table"].Value;
        if (!match.Groups["columns"].Success)
            return (table, null);
        var columns = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries);
        if (columns.Any(c => c.Length == 0))
            throw new ShellException($"the column list ({match.Groups["columns"].Value}) has an empty name; usage: {Usage}");
        return (table, [.. columns.Select(c => c.Trim('"'))]);
    }

    [GeneratedRegex(@"^row (\d+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex RowPrefix();

    [GeneratedRegex(@"^(?<table>[A-Za-z_][A-Za-z0-9_]*)\s*(\((?<columns>[^()]*)\))?$")]
    private static partial Regex TargetPattern();
}
