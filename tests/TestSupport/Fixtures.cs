using System.Runtime.CompilerServices;

namespace VecStore.TestSupport;

/// <summary>Files written by earlier versions, kept so that every old format stays tested: <c>tests/TestSupport/Fixtures/</c>.</summary>
/// <remarks>
/// <c>ivfpq-v1.ivfpq</c>: an IVFPQ index file of format version 1 (original vectors beside the
/// codes), 300 uniform 8-dimensional vectors, L2, 2 lists, M = 2, stamp 7.
/// </remarks>
public static class Fixtures
{
    /// <summary>The full path of fixture <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Path.Combine(Folder(), "Fixtures", name);

    private static string Folder([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
