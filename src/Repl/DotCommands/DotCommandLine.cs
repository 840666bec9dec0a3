using System.Text;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary>A dot-command line taken apart: the command's name and its arguments.</summary>
/// <remarks>Arguments are separated by whitespace; one in single or double quotes may hold spaces, as in <c>.read 'my script.sql'</c>.</remarks>
/// <param name="Name">The name after the dot, in lower case.</param>
/// <param name="Arguments">The words that follow it, unquoted.</param>
internal sealed record DotCommandLine(string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>True when the line is a dot-command: its first non-blank character is a '.'.</summary>
    public static bool IsDotCommand(string line) => line.AsSpan().TrimStart().StartsWith(".");

    /// <summary>Splits a dot-command line.</summary>
    /// <exception cref="ShellException">A quote is not closed.</exception>
    public static DotCommandLine Parse(string line)
    {
        var words = new List<string>();
        var text = line.AsSpan().Trim();
        int i = 1;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var word = new StringBuilder();
            if (text[i] is '\'' or '"')
            {
                char quote = text[i++];
                int close = text[i..].IndexOf(quote);
                if (close < 0)
                    throw new ShellException($"the argument starting at {quote}{text[i..].ToString()} is missing its closing {quote}");
                word.Append(text.Slice(i, close));
                i += close + 1;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    word.Append(text[i++]);
            }
            words.Add(word.ToString());
        }

        if (words.Count == 0)
            return new DotCommandLine("", []);
        return new DotCommandLine(words[0].ToLowerInvariant(), words.GetRange(1, words.Count - 1));
    }
}
