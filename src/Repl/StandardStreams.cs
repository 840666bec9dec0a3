using System.Text;
using Spectre.Console;

namespace VecStore.Repl;

/// <summary>Where the command reads and writes, and whether each end is a terminal.</summary>
/// <remarks>
/// <see cref="FromConsole"/> wraps the process's console; tests pass strings instead and so run the
/// real entry point in-process. When output is not a terminal it is buffered; <see cref="Error"/>
/// flushes it first, so that results and errors keep their order when both go to one file.
/// </remarks>
internal sealed class StandardStreams
{
    private IAnsiConsole? _terminal;

    /// <summary>Streams over the given reader and writers.</summary>
    public StandardStreams(TextReader input, TextWriter output, TextWriter error, bool inputIsTerminal = false, bool outputIsTerminal = false)
    {
        Input = input;
        Output = output;
        Error = new OrderedErrorWriter(output, error);
        InputIsTerminal = inputIsTerminal;
        OutputIsTerminal = outputIsTerminal;
    }

    /// <summary>Standard input.</summary>
    public TextReader Input { get; }

    /// <summary>Standard output: results.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: error messages; writing here flushes <see cref="Output"/> first.</summary>
    public TextWriter Error { get; }

    /// <summary>True when a person types the input (the interactive shell), false for a pipe or file.</summary>
    public bool InputIsTerminal { get; }

    /// <summary>True when output goes to a terminal, so tables may be drawn and progress shown.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>Spectre.Console over <see cref="Output"/>, for tables and progress bars on a terminal.</summary>
    public IAnsiConsole Terminal => _terminal ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Output),
        Ansi = OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = OutputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>The process's console.</summary>
    public static StandardStreams FromConsole()
    {
        bool outputIsTerminal = !Console.IsOutputRedirected;
        var output = outputIsTerminal
            ? Console.Out
            : new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new StandardStreams(Console.In, output, error, !Console.IsInputRedirected, outputIsTerminal);
    }

    /// <summary>Writes to standard error after flushing standard output.</summary>
    private sealed class OrderedErrorWriter(TextWriter output, TextWriter error) : TextWriter
    {
        public override Encoding Encoding => error.Encoding;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine
        {
            get => error.NewLine;
            set => error.NewLine = value;
        }

        public override void Write(char value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void Write(string? value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void WriteLine(string? value)
        {
            output.Flush();
            error.WriteLine(value);
        }

        public override void Flush() => error.Flush();
    }
}
