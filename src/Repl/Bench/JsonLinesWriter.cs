using System.Text;
using System.Text.Json;

namespace VecStore.Repl.Bench;

/// <summary>Appends results to a JSON-lines file with the fields and rounding of reference.py, so that summarize.py reads both.</summary>
/// <remarks>
/// Fields: library, library_version, index, params, dataset, metric, element, n, d, k, mode, threads,
/// nq, build_s, mem_mb (the vector and index files on disk, MiB; mem_source says so), db_files_mb
/// (every file of the database, the SQLite metadata file included), rss_delta_mb
/// (left out when the database was reused), open_s, reused_db, qps, mean_latency_ms and p99_latency_ms
/// (null in batch mode), recall_at_10, cpu, cores, date.
/// </remarks>
internal static class JsonLinesWriter
{
    /// <summary>What <c>mem_mb</c> measures, written beside it.</summary>
    public const string MemSource = "vector and index files on disk";

    /// <summary>Appends one line per result to <paramref name="path"/>.</summary>
    public static void Append(string path, IEnumerable<BenchResult> results)
    {
        var text = new StringBuilder();
        foreach (var result in results)
            text.Append(ToLine(result)).Append('\n');
        File.AppendAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>One result as one line of JSON, without the newline.</summary>
    public static string ToLine(BenchResult result)
    {
        var point = result.Point;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("library", "vecstore");
            json.WriteString("library_version", Program.Version);
            json.WriteString("index", result.Index);
            json.WriteStartObject("params");
            foreach (var option in result.Parameters)
            {
                if (option.Number is not { } number)
                    json.WriteString(option.Name, option.Value);
                else if (Math.Floor(number) == number && Math.Abs(number) < 1e15)
                    json.WriteNumber(option.Name, (long)number);
                else
                    json.WriteNumber(option.Name, number);
            }
            json.WriteEndObject();
            json.WriteString("dataset", result.Dataset);
            json.WriteString("metric", result.Metric);
            json.WriteString("element", result.Element);
            json.WriteNumber("n", result.Count);
            json.WriteNumber("d", result.Dimensions);
            json.WriteNumber("k", result.K);
            json.WriteString("mode", point.Mode);
            json.WriteNumber("threads", point.Threads);
            json.WriteNumber("nq", point.Queries);
            json.WriteNumber("build_s", Math.Round(result.BuildSeconds, 3));
            json.WriteNumber("mem_mb", Math.Round(result.StoredMb, 2));
            if (result.IndexBuildSeconds is { } indexSeconds)
                json.WriteNumber("index_build_s", Math.Round(indexSeconds, 3));
            if (result.IndexMb > 0)
                json.WriteNumber("index_mb", Math.Round(result.IndexMb, 2));
            json.WriteString("mem_source", MemSource);
            json.WriteNumber("db_files_mb", Math.Round(result.FilesMb, 2));
            if (result.RssDeltaMb is { } rss)
                json.WriteNumber("rss_delta_mb", Math.Round(rss, 1));
            json.WriteNumber("open_s", Math.Round(result.OpenSeconds, 4));
            json.WriteBoolean("reused_db", result.ReusedDatabase);
            json.WriteNumber("qps", Math.Round(point.Qps, 2));
            WriteNullable(json, "mean_latency_ms", point.MeanLatencyMs, 4);
            WriteNullable(json, "p99_latency_ms", point.P99LatencyMs, 4);
            json.WriteNumber("recall_at_10", Math.Round(point.Recall, 5));
            json.WriteString("cpu", result.Machine.Cpu);
            json.WriteNumber("cores", result.Machine.Cores);
            json.WriteString("date", result.Date);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } number)
            json.WriteNumber(name, Math.Round(number, digits));
        else
            json.WriteNull(name);
    }
}
