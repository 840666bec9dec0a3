using VecStore.CrashWorker;

namespace VecStore.Durability.Tests.MultiProcess;

/// <summary>Row count and sum of <c>val</c> of table <c>t</c> after each prefix of the crash workload, to tell which whole-commit state a reader saw.</summary>
internal sealed class WorkloadFingerprints
{
    private readonly ModelState _state = new();
    private readonly List<(long Count, long Sum)> _after = [(0, 0)];
    private readonly List<bool> _hasIndex = [false];
    private long _sum;

    /// <summary>The largest n with <paramref name="from"/> ≤ n ≤ <paramref name="to"/> whose state has this count and sum (and index, when given), or -1.</summary>
    public long Find(long count, long sum, long from, long to, bool? hasIndex = null)
    {
        lock (_after)
        {
            Extend(to);
            for (long n = to; n >= Math.Max(0, from); n--)
                if (_after[(int)n] == (count, sum) && (hasIndex is null || _hasIndex[(int)n] == hasIndex))
                    return n;
            return -1;
        }
    }

    /// <summary>The count and sum after each of the transactions around <paramref name="n"/>, for messages.</summary>
    public string Around(long n)
    {
        lock (_after)
        {
            Extend(n + 3);
            var parts = new List<string>();
            for (long i = Math.Max(0, n - 3); i <= n + 3; i++)
                parts.Add($"{i}: {_after[(int)i].Count} rows, sum {_after[(int)i].Sum}");
            return string.Join("; ", parts);
        }
    }

    private void Extend(long to)
    {
        while (_after.Count <= to)
        {
            long i = _after.Count;
            foreach (var id in Touched(i))
                if (_state.Rows.TryGetValue(id, out var before))
                    _sum -= before.Val;
            CrashWorkload.Apply(_state, i);
            foreach (var id in Touched(i))
                if (_state.Rows.TryGetValue(id, out var after))
                    _sum += after.Val;
            _after.Add((_state.Rows.Count, _sum));
            _hasIndex.Add(_state.HasIndex);
        }
    }

    // The rows transaction i may change: its inserts, its update and its delete target.
    private static HashSet<long> Touched(long i) => CrashWorkload.KindOf(i) == TransactionKind.Rows
        ? [.. CrashWorkload.Inserted(i), CrashWorkload.UpdateTarget(i), CrashWorkload.DeleteTarget(i)]
        : [];
}
