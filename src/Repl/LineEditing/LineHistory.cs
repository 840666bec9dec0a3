namespace VecStore.Repl.LineEditing;

/// <summary>The lines entered at the shell's prompt, oldest first, kept in a file between sessions.</summary>
/// <remarks>
/// The file holds one entry per line (a statement that spans lines is several entries, as in
/// sqlite3). Each entry is appended as it is made, so a crash loses nothing; when the file has grown
/// to twice <see cref="Capacity"/> entries, loading rewrites it with the newest ones. Failing to
/// read or write the file never stops the shell: history is a convenience.
/// </remarks>
internal sealed class LineHistory
{
    /// <summary>Entries kept in memory and offered with the arrow keys.</summary>
    public const int Capacity = 1000;

    private readonly List<string> _entries = [];
    private readonly string? _path;

    /// <summary>History kept in <paramref name="path"/>, or only in memory when it is null.</summary>
    public LineHistory(string? path)
    {
        _path = path;
        Load();
    }

    /// <summary>The history file: <c>VECSTORE_HISTORY</c> when set, else <c>~/.vecstore_history</c>.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("VECSTORE_HISTORY") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vecstore_history");

    /// <summary>How many entries there are.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry at <paramref name="index"/>; 0 is the oldest.</summary>
    public string this[int index] => _entries[index];

    /// <summary>Adds a line, unless it is blank or repeats the newest entry.</summary>
    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_entries.Count > 0 && _entries[^1] == line))
            return;
        _entries.Add(line);
        if (_entries.Count > Capacity)
            _entries.RemoveAt(0);
        BestEffort(() => File.AppendAllText(_path!, line + "\n"));
    }

    private void Load()
    {
        if (_path is null || !File.Exists(_path))
            return;
        string[] lines = [];
        BestEffort(() => lines = File.ReadAllLines(_path));
        int first = Math.Max(0, lines.Length - Capacity);
        for (int i = first; i < lines.Length; i++)
            if (!string.IsNullOrWhiteSpace(lines[i]))
                _entries.Add(lines[i]);
        if (lines.Length >= 2 * Capacity)
            BestEffort(() => File.WriteAllLines(_path, _entries));
    }

    private void BestEffort(Action action)
    {
        if (_path is null)
            return;
        try
        {
            action();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home or a full disk must not stop the shell.
        }
    }
}
