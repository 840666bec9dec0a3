using System.Text;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary>A dot-command line taken apart: the command's name and its arguments.</summary>
/// <remarks>
/// Arguments are separated by whitespace; one in single or double quotes may hold spaces, as in
/// <c>.read 'my script.sql'</c>. A command whose last argument is free text (<c>.param set q (SELECT ...)</c>)
/// takes it whole with <see cref="TextFrom"/>.
/// </remarks>
internal sealed class DotCommandLine
{
    private readonly string _text;
    private readonly int[] _starts;

    private DotCommandLine(string text, string name, List<string> arguments, List<int> starts)
    {
        _text = text;
        Name = name;
        Arguments = arguments;
        _starts = [.. starts];
    }

    /// <summary>The name after the dot, in lower case.</summary>
    public string Name { get; }

    /// <summary>The words that follow the name, unquoted.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>True when the line is a dot-command: its first non-blank character is a '.'.</summary>
    public static bool IsDotCommand(string line) => line.AsSpan().TrimStart().StartsWith(".");

    /// <summary>The line as typed from argument <paramref name="index"/> to its end, quotes and spacing kept.</summary>
    public string TextFrom(int index) => _text[_starts[index]..];

    /// <summary>Splits a dot-command line.</summary>
    /// <exception cref="ShellException">A quote is not closed.</exception>
    public static DotCommandLine Parse(string line)
    {
        string text = line.Trim();
        var words = new List<string>();
        var starts = new List<int>();
        int i = 1;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            starts.Add(i);
            var word = new StringBuilder();
            if (text[i] is '\'' or '"')
            {
                char quote = text[i++];
                int close = text.IndexOf(quote, i);
                if (close < 0)
                    throw new ShellException($"the argument starting at {quote}{text[i..]} is missing its closing {quote}");
                word.Append(text, i, close - i);
                i = close + 1;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    word.Append(text[i++]);
            }
            words.Add(word.ToString());
        }

        if (words.Count == 0)
            return new DotCommandLine(text, "", [], []);
        return new DotCommandLine(text, words[0].ToLowerInvariant(), words[1..], starts[1..]);
    }
}
