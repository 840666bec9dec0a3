using System.CommandLine;
using System.CommandLine.Invocation;

namespace VecStore.Repl.Cli;

/// <summary>Prints <see cref="Program.Version"/> for <c>--version</c>.</summary>
/// <remarks>System.CommandLine's own action prints the entry assembly's version, which in-process tests would see as the test host's.</remarks>
internal sealed class VersionAction(StandardStreams streams) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        streams.Output.WriteLine(Program.Version);
        return 0;
    }
}
