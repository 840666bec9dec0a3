namespace VecStore.Storage.Checking;

/// <summary>Collects the lines of a CHECK report for one file at a time, capping the problems listed per file.</summary>
/// <remarks>
/// A badly damaged file can have a problem in every page or row; past <see cref="MaxProblemsPerFile"/>
/// the rest are counted into one closing line instead of listed, so the report stays readable.
/// </remarks>
internal sealed class CheckReport
{
    public const int MaxProblemsPerFile = 50;

    private readonly List<CheckFinding> _findings = [];
    private string _file = "";
    private string _kind = "";
    private int _problems;

    public IReadOnlyList<CheckFinding> Findings => _findings;

    /// <summary>Starts the lines of another file.</summary>
    public void Begin(string file, string kind)
    {
        CloseFile();
        _file = file;
        _kind = kind;
        _problems = 0;
    }

    /// <summary>Problems reported for the current file so far.</summary>
    public int Problems => _problems;

    public void Problem(string item, string detail)
    {
        if (++_problems <= MaxProblemsPerFile)
            _findings.Add(new CheckFinding(_file, _kind, item, CheckFinding.Damaged, detail));
    }

    /// <summary>The summary line of the current file: ok when no problem was reported for it.</summary>
    public void Summary(string item, string detail)
    {
        if (_problems == 0)
            _findings.Add(new CheckFinding(_file, _kind, item, CheckFinding.Ok, detail));
    }

    /// <summary>Ends the report; returns every line.</summary>
    public IReadOnlyList<CheckFinding> Finish()
    {
        CloseFile();
        return _findings;
    }

    private void CloseFile()
    {
        if (_problems > MaxProblemsPerFile)
            _findings.Add(new CheckFinding(_file, _kind, "more", CheckFinding.Damaged,
                $"{_problems - MaxProblemsPerFile} more problems in this file are not listed"));
        _problems = 0;
    }
}
