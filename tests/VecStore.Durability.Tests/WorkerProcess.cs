using System.Diagnostics;
using System.Globalization;

namespace VecStore.Durability.Tests;

/// <summary>A <c>VecStore.CrashWorker</c> child process and the last transaction it acknowledged.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly string WorkerPath = Path.Combine(AppContext.BaseDirectory, "VecStore.CrashWorker.dll");

    private readonly Process _process;
    private readonly Task _reader;
    private readonly Task<string> _errors;
    private readonly ManualResetEventSlim _ready = new();
    private readonly List<string> _lines = [];
    private long _acked;

    private WorkerProcess(Process process, long from, Action<string>? onLine)
    {
        _process = process;
        _acked = from - 1;
        _errors = process.StandardError.ReadToEndAsync();
        _reader = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                onLine?.Invoke(line);
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref _acked, long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
                    continue;
                }
                lock (_lines)
                {
                    _lines.Add(line);
                    Monitor.PulseAll(_lines);
                }
                if (line is "ready" or "holding")
                    _ready.Set();
            }
            lock (_lines)
                Monitor.PulseAll(_lines);
        });
    }

    /// <summary>The last transaction whose COMMIT returned in the child.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the workload writer at transaction <paramref name="from"/>; waits until it has opened the database.</summary>
    /// <param name="vacuumEvery">When above 0, the worker also runs VACUUM after every this many transactions.</param>
    /// <param name="onLine">Sees every line the worker prints.</param>
    public static WorkerProcess StartWriter(string path, long from, long count = long.MaxValue, string options = "", bool explicitCheckpoints = true,
        int vacuumEvery = 0, Action<string>? onLine = null)
        => Start(from, vacuumEvery, onLine,
            path, from.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), options, explicitCheckpoints ? "explicit" : "auto");

    /// <summary>Starts a <c>HoldWorker</c>; returns once its write transaction is open.</summary>
    public static WorkerProcess StartHolder(string path) => Start(1, 0, null, "--hold", path);

    /// <summary>Starts a <c>StatementWorker</c> on <paramref name="path"/> (with <paramref name="options"/> added to the connection string, as user <paramref name="userId"/> when given); returns once it tried to open the database.</summary>
    public static WorkerProcess StartStatements(string path, string options = "", int? userId = null)
        => Start(1, 0, null, userId is null ? ["--sql", path, options] : ["--sql", path, options, userId.Value.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Everything the child printed so far, in order ("ack" lines aside).</summary>
    public List<string> Lines()
    {
        lock (_lines)
            return [.. _lines];
    }

    /// <summary>Runs a statement in a <c>StatementWorker</c>: its "row" lines (values tab-separated), and "ok N" or "error VECSQLnnnn message" last.</summary>
    /// <exception cref="InvalidOperationException">The worker died (a crash is a failure of the engine, not an error it reported).</exception>
    public List<string> Statement(string sql, TimeSpan? timeout = null)
    {
        int from;
        lock (_lines)
            from = _lines.Count;
        Send(sql);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        lock (_lines)
        {
            while (true)
            {
                for (int i = from; i < _lines.Count; i++)
                    if (_lines[i].StartsWith("ok ", StringComparison.Ordinal) || _lines[i].StartsWith("error ", StringComparison.Ordinal) || _lines[i] == "closed")
                        return _lines.GetRange(from, i - from + 1);
                if (_process.HasExited && _reader.IsCompleted)
                    throw new InvalidOperationException($"the worker died running '{Shorten(sql)}' (exit code {_process.ExitCode}): {Errors()}");
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"the worker did not answer '{Shorten(sql)}'");
                Monitor.Wait(_lines, TimeSpan.FromMilliseconds(Math.Min(100, left.TotalMilliseconds)));
            }
        }
    }

    /// <summary>A statement cut to 80 characters, for messages.</summary>
    public static string Shorten(string sql) => sql.Length <= 80 ? sql : sql[..80] + "...";

    /// <summary>Waits until the child printed <paramref name="line"/>.</summary>
    public void WaitForLine(string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (!_lines.Contains(line))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_lines, left))
                    if (!_lines.Contains(line))
                        throw new TimeoutException($"the worker did not print '{line}'; stderr: {Errors()}");
            }
        }
    }

    /// <summary>Waits until the child acknowledged transaction <paramref name="i"/>.</summary>
    public void WaitForAck(long i, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Acked < i)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited && Acked < i)
                throw new TimeoutException($"the worker acknowledged {Acked} of {i} transactions; stderr: {Errors()}");
            Thread.Sleep(5);
        }
    }

    /// <summary>Sends a line to the child's stdin.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for the child to exit by itself; returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException("the worker did not finish; stderr so far unavailable");
        _reader.Wait();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, then waits until the process is gone; returns the last acknowledged transaction.</summary>
    public long Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _reader.Wait();
        return Acked;
    }

    public string Errors() => _process.HasExited ? _errors.Result : "(still running)";

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        _ready.Dispose();
    }

    private static WorkerProcess Start(long from, int vacuumEvery, Action<string>? onLine, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (vacuumEvery > 0)
            start.Environment["VECSTORE_CRASH_VACUUM"] = vacuumEvery.ToString(CultureInfo.InvariantCulture);
        start.ArgumentList.Add(WorkerPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var worker = new WorkerProcess(Process.Start(start)!, from, onLine);
        if (!worker._ready.Wait(TimeSpan.FromSeconds(60)))
        {
            string errors = worker.HasExited ? worker.Errors() : "(still running)";
            worker.Dispose();
            throw new TimeoutException("the worker did not start: " + errors);
        }
        return worker;
    }
}
