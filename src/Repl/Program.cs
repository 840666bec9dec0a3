using System.CommandLine;
using System.Reflection;
using VecStore.Repl.Cli;

namespace VecStore.Repl;

/// <summary>The <c>vecstore</c> command: the shell, scripts, and the demo.</summary>
internal static class Program
{
    /// <summary>The version printed by <c>--version</c> and the shell's greeting.</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Runs the command on the process's console.</summary>
    public static int Main(string[] args) => Run(args, StandardStreams.FromConsole());

    /// <summary>Runs the command on the given streams; tests call this to run the real entry point in-process.</summary>
    public static int Run(string[] args, StandardStreams streams)
    {
        try
        {
            var command = new ShellRootCommand(streams);
            var parse = command.Parse(args);
            // A mistake on the command line gets its error and a pointer to --help, not the whole help.
            if (parse.Action is System.CommandLine.Invocation.ParseErrorAction error)
                error.ShowHelp = false;
            int exitCode = parse.Invoke(new InvocationConfiguration { Output = streams.Output, Error = streams.Error });
            if (parse.Errors.Count > 0)
                streams.Error.WriteLine("Run 'vecstore --help' for the usage.");
            return exitCode;
        }
        finally
        {
            streams.Output.Flush();
        }
    }
}
