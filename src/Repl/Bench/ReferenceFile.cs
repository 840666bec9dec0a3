using System.Globalization;
using System.Text.Json;

namespace VecStore.Repl.Bench;

/// <summary>Reads the results of reference.py (or an earlier <c>vecstore bench --json</c>): one JSON object a line.</summary>
/// <remarks>Lines that do not start with '{' are skipped, as summarize.py skips them.</remarks>
internal static class ReferenceFile
{
    /// <summary>The points of <paramref name="path"/> measured on <paramref name="dataset"/>, and the datasets the file holds.</summary>
    /// <exception cref="BenchException">The file is missing or a line is not a result.</exception>
    public static (List<ResultPoint> Points, SortedSet<string> Datasets) Read(string path, string dataset)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"cannot read --compare {path}: {exception.Message}", exception);
        }

        var points = new List<ResultPoint>();
        var datasets = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith('{'))
                continue;
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var root = document.RootElement;
                string name = root.GetProperty("dataset").GetString() ?? "";
                datasets.Add(name);
                if (name != dataset)
                    continue;
                string index = root.GetProperty("index").GetString() ?? "";
                points.Add(new ResultPoint(Label(root, index), IndexFamily.Of(index), root.GetProperty("mode").GetString() ?? "",
                    root.GetProperty("threads").GetInt32(), root.GetProperty("qps").GetDouble(), root.GetProperty("recall_at_10").GetDouble()));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new BenchException(string.Create(CultureInfo.InvariantCulture,
                    $"--compare {path}, line {i + 1}: not a result line with dataset, index, mode, threads, qps and recall_at_10 ({exception.Message})"), exception);
            }
        }
        return (points, datasets);
    }

    // The label summarize.py gives: "faiss IndexIVFPQ m=98 kf=10 (first 100000)".
    private static string Label(JsonElement root, string index)
    {
        string label = (root.TryGetProperty("library", out var library) ? library.GetString() : "?") + " " + index;
        if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            if (parameters.TryGetProperty("m", out var m) && m.ValueKind == JsonValueKind.Number)
                label += " m=" + m.GetRawText();
            if (parameters.TryGetProperty("k_factor", out var kf) && kf.ValueKind == JsonValueKind.Number)
                label += " kf=" + kf.GetRawText();
        }
        if (root.TryGetProperty("subset_n", out var subset) && subset.ValueKind == JsonValueKind.Number)
            label += " (first " + subset.GetRawText() + ")";
        return label;
    }
}
