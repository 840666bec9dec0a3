using System.Diagnostics;

namespace VecStore.Repl.Tests.Support;

/// <summary>Runs the built <c>vecstore</c> as a child process, standard error merged into standard output as a terminal would show them.</summary>
/// <remarks>
/// The merge is done by <c>/bin/sh</c> (<c>2&gt;&amp;1</c>) so that both streams share one pipe and keep
/// their order; these tests therefore need a POSIX shell. The child runs in a German culture, so
/// output that depended on the culture would show it.
/// </remarks>
internal static class VecstoreProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The built command, copied beside the tests by the project reference.</summary>
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "vecstore.dll");

    /// <summary>Runs <c>vecstore</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, feeding it <paramref name="input"/>.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" \"$@\" 2>&1");
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LANG"] = "de_DE.UTF-8";
        start.Environment["LC_ALL"] = "de_DE.UTF-8";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/sh");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vecstore {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }
        string stray = error.Result;
        if (stray.Length > 0)
            throw new InvalidOperationException("the shell wrote to its own standard error: " + stray);
        return (process.ExitCode, output.Result);
    }
}
