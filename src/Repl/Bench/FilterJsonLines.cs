using System.Text;
using System.Text.Json;

namespace VecStore.Repl.Bench;

/// <summary>Appends filtered-mode points to a JSON-lines file: the fields of <see cref="JsonLinesWriter"/> that apply, plus the filter's.</summary>
/// <remarks>Extra fields: filter (independent or correlated), selectivity, passing_rows, strategy (auto or the forced one), mean_rows, min_rows, expected_rows, ranking.</remarks>
internal static class FilterJsonLines
{
    public static void Append(string path, FilterPoint point, BenchOptions options, BenchDataset dataset, string date)
    {
        try
        {
            File.AppendAllText(path, ToLine(point, options, dataset, date) + "\n", new UTF8Encoding(false));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"cannot write --json {path}: {exception.Message}", exception);
        }
    }

    public static string ToLine(FilterPoint point, BenchOptions options, BenchDataset dataset, string date)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("library", "vecstore");
            json.WriteString("library_version", Program.Version);
            json.WriteString("index", options.Index);
            json.WriteStartObject("params");
            foreach (var option in options.Parameters)
                json.WriteString(option.Name, option.Value);
            json.WriteEndObject();
            json.WriteString("dataset", dataset.Name);
            json.WriteString("metric", BenchNames.ToSql(dataset.Metric));
            json.WriteNumber("n", dataset.Base.Rows);
            json.WriteNumber("d", dataset.Base.Dimensions);
            json.WriteNumber("k", options.K);
            json.WriteString("mode", "single");
            json.WriteNumber("threads", options.EffectiveThreads);
            json.WriteString("filter", point.Kind == FilterKind.Independent ? "independent" : "correlated");
            json.WriteNumber("selectivity", point.Selectivity);
            json.WriteNumber("passing_rows", point.PassingRows);
            json.WriteString("strategy", point.Strategy);
            json.WriteNumber("nq", point.Queries);
            json.WriteNumber("qps", Math.Round(point.Qps, 2));
            json.WriteNumber("mean_latency_ms", Math.Round(point.MeanLatencyMs, 4));
            json.WriteNumber("recall_at_10", Math.Round(point.Recall, 5));
            json.WriteNumber("mean_rows", Math.Round(point.MeanRows, 3));
            json.WriteNumber("min_rows", point.MinRows);
            json.WriteNumber("expected_rows", point.ExpectedRows);
            json.WriteString("ranking", point.Ranking);
            json.WriteString("cpu", MachineInfo.Current.Cpu);
            json.WriteNumber("cores", MachineInfo.Current.Cores);
            json.WriteString("date", date);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
