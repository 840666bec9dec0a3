namespace VecStore.Repl.Tests.Support;

/// <summary>Runs the real entry point in-process, as <c>vecstore ARGS &lt; input</c> would, output and errors in one text in the order written.</summary>
internal static class InProcessShell
{
    /// <summary>Runs <c>vecstore</c> with <paramref name="args"/>, feeding it <paramref name="input"/>.</summary>
    public static (int ExitCode, string Output) Run(string input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        int exitCode = Program.Run(args, new StandardStreams(new StringReader(input), output, output));
        return (exitCode, output.ToString());
    }
}
