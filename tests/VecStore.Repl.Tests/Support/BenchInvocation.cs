using System.Text.Json;

namespace VecStore.Repl.Tests.Support;

/// <summary>Runs <c>vecstore bench</c> in-process through the real entry point, with output and error kept apart.</summary>
internal static class BenchInvocation
{
    /// <summary>A tiny generated dataset every bench test can afford: 2,000 vectors of 16 dimensions, 60 queries.</summary>
    public const string TinyDataset = "synth:n=2000,d=16,nq=60,seed=7";

    /// <summary>Runs <c>vecstore bench ARGS</c>; returns the exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exitCode = Program.Run(["bench", .. arguments], new StandardStreams(new StringReader(""), output, error));
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The JSON objects of a JSON-lines file.</summary>
    public static List<JsonElement> ReadJsonLines(string path)
        => [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
