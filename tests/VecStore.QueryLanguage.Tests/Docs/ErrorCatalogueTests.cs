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

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VecStore.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root (VecStore.sln) was not found above " + AppContext.BaseDirectory);
    }
}
