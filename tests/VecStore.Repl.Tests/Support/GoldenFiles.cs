using System.Runtime.CompilerServices;

namespace VecStore.Repl.Tests.Support;

/// <summary>Where the golden scripts and expected outputs of this project live in the source tree.</summary>
internal static class GoldenFiles
{
    /// <summary>The <c>Golden</c> folder beside this project's sources, where received files are written too.</summary>
    public static string Folder { get; } = Path.Combine(ProjectFolder(), "Golden");

    /// <summary>The scripts <c>Golden/*.sql</c>, by file name, for a theory.</summary>
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>The arguments a script asks for on its first line, <c>-- args: --echo --bail</c>; none otherwise.</summary>
    public static string[] ArgumentsOf(string script)
    {
        const string Marker = "-- args:";
        string firstLine = script.Split('\n', 2)[0].Trim();
        return firstLine.StartsWith(Marker, StringComparison.Ordinal)
            ? firstLine[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    /// <summary>Copies the golden folder (scripts and the files they <c>.read</c>) into <paramref name="destination"/>.</summary>
    public static void CopyScriptsTo(string destination)
    {
        foreach (var path in Directory.EnumerateFiles(Folder, "*.sql", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(Folder, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }
    }

    private static string ProjectFolder([CallerFilePath] string thisFile = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;
}
