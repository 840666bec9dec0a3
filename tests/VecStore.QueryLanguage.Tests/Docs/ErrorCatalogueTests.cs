namespace VecStore.QueryLanguage.Tests.Docs;

/// <summary>docs/errors.md lists every error code with an example and a fix.</summary>
public sealed class ErrorCatalogueTests
{
    [Fact]
    public void Every_error_code_is_documented()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "errors.md"));
        var missing = Enum.GetValues<ErrorCode>()
            .Where(code => !text.Contains($"| {VecStoreException.CodeText(code)} | {code} |", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_error_code_has_an_example_and_a_fix()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "errors.md"));
        var incomplete = new List<string>();
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            string head = $"| {VecStoreException.CodeText(code)} | {code} | ";
            string? row = Array.Find(rows, r => r.StartsWith(head, StringComparison.Ordinal));
            if (row is null)
                continue; // Every_error_code_is_documented names it
            // The example is the first cell after the name, the fix the last; both say something.
            string rest = row[head.Length..].TrimEnd();
            int lastBar = rest.LastIndexOf(" |", StringComparison.Ordinal);
            int split = lastBar < 0 ? -1 : rest.LastIndexOf(" | ", lastBar - 1, StringComparison.Ordinal);
            string example = split < 0 ? "" : rest[..split].Trim();
            string fix = split < 0 ? "" : rest[(split + 3)..lastBar].Trim();
            if (example.Length < 3 || fix.Length < 3)
                incomplete.Add(VecStoreException.CodeText(code));
        }
        Assert.Empty(incomplete);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VecStore.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root (VecStore.sln) was not found above " + AppContext.BaseDirectory);
    }
}
