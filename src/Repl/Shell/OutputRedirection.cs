using System.Text;

namespace VecStore.Repl.Shell;

/// <summary>A file that results go to instead of standard output, set by <c>.output FILE</c> or <c>.once FILE</c>.</summary>
/// <remarks>
/// The file is created (or emptied) when the redirection starts and closed when it ends, as in
/// sqlite3. <c>.once</c> lasts for the next command only: the count starts at two because the
/// <c>.once</c> line itself is the first command to finish.
/// </remarks>
internal sealed class OutputRedirection : IDisposable
{
    private int _commandsLeft;

    private OutputRedirection(string path, StreamWriter writer, bool once)
    {
        Path = path;
        Writer = writer;
        _commandsLeft = once ? 2 : -1;
    }

    /// <summary>The file as the user named it.</summary>
    public string Path { get; }

    /// <summary>Writes into the file.</summary>
    public TextWriter Writer { get; }

    /// <summary>True for <c>.once</c>: the redirection ends after the next command.</summary>
    public bool Once => _commandsLeft > 0;

    /// <summary>Creates or empties <paramref name="path"/> and writes there.</summary>
    /// <param name="path">The file.</param>
    /// <param name="once">True for <c>.once</c>.</param>
    /// <param name="databasePath">The open database's file, which output must never overwrite; null for an in-memory one.</param>
    /// <exception cref="ShellException">The path names the database or one of its files, or cannot be written.</exception>
    public static OutputRedirection Open(string path, bool once, string? databasePath)
    {
        if (path.Length == 0)
            throw new ShellException("the output file name is empty");
        string full = System.IO.Path.GetFullPath(path);
        if (databasePath is not null)
        {
            string database = System.IO.Path.GetFullPath(databasePath);
            if (string.Equals(full, database, StringComparison.Ordinal) || full.StartsWith(database + "-", StringComparison.Ordinal))
                throw new ShellException($"cannot write output to '{path}': it is a file of the open database");
        }
        try
        {
            var writer = new StreamWriter(full, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            return new OutputRedirection(path, writer, once);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ShellException($"cannot write output to '{path}': {exception.Message}");
        }
    }

    /// <summary>Counts a finished command; true when a <c>.once</c> redirection has now served its command and must end.</summary>
    public bool CommandFinished() => _commandsLeft > 0 && --_commandsLeft == 0;

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => Writer.Dispose();
}
