using System.Diagnostics;

namespace VecStore.QueryLanguage.Execution;

/// <summary>What a SELECT actually did, recorded by the executors for EXPLAIN ANALYZE: how many rows passed the filter and how the vectors were ranked, and why.</summary>
/// <remarks>Executors take it as an optional argument and write to it only when given one, so a plain query pays nothing.</remarks>
internal sealed class ExecutionTrace
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Rows SQLite returned for the WHERE clause before the vectors were ranked; null when the ranking needed no filter.</summary>
    public long? FilterRows { get; set; }

    /// <summary>Time spent getting <see cref="FilterRows"/>.</summary>
    public TimeSpan FilterTime { get; set; }

    /// <summary>For each distance range of the WHERE clause: how many rows were within, and how they were found.</summary>
    public List<string> Ranges { get; } = [];

    /// <summary>How the vectors were ranked, with the reason, when the plan ranks vectors.</summary>
    public string? Path { get; set; }

    /// <summary>Time since the trace was created.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;
}
