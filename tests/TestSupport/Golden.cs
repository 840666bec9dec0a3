using Xunit;

namespace VecStore.TestSupport;

/// <summary>Compares text output with an expected file kept beside the test, and writes what was received when they differ.</summary>
/// <remarks>
/// Expected files are named <c>NAME.expected.txt</c>; on a mismatch (or when the expected file is
/// missing) the output is written to <c>NAME.received.txt</c> beside it and the test fails, naming
/// the first line that differs. Accepting a change is renaming the received file, reviewed like code.
/// Line endings are compared as <c>\n</c>, so a checkout with CRLF endings still passes.
/// </remarks>
public static class Golden
{
    private const string ExpectedSuffix = ".expected.txt";
    private const string ReceivedSuffix = ".received.txt";

    /// <summary>The received-file path that belongs to <paramref name="expectedPath"/>.</summary>
    public static string ReceivedPath(string expectedPath)
    {
        ArgumentNullException.ThrowIfNull(expectedPath);
        if (!expectedPath.EndsWith(ExpectedSuffix, StringComparison.Ordinal))
            throw new ArgumentException($"a golden file's name ends in {ExpectedSuffix}: {expectedPath}", nameof(expectedPath));
        return expectedPath[..^ExpectedSuffix.Length] + ReceivedSuffix;
    }

    /// <summary>Passes when <paramref name="actual"/> equals the contents of <paramref name="expectedPath"/>.</summary>
    public static void Verify(string expectedPath, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        string receivedPath = ReceivedPath(expectedPath);
        string received = Normalize(actual);

        if (!File.Exists(expectedPath))
        {
            File.WriteAllText(receivedPath, received);
            Assert.Fail($"There is no expected output {expectedPath}.\nThe output was written to {receivedPath}; if it is right, rename it to {Path.GetFileName(expectedPath)}.");
        }

        string expected = Normalize(File.ReadAllText(expectedPath));
        if (expected == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The output differs from {expectedPath} {FirstDifference(expected, received)}\n"
            + $"The output was written to {receivedPath}; if it is right, rename it to {Path.GetFileName(expectedPath)}.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string received)
    {
        var expectedLines = expected.Split('\n');
        var receivedLines = received.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, receivedLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? r = i < receivedLines.Length ? receivedLines[i] : null;
            if (e != r)
                return $"at line {i + 1}:\n  expected: {e ?? "(end of file)"}\n  received: {r ?? "(end of file)"}";
        }
        return "(only in line endings)";
    }
}
