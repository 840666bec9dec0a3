using System.Globalization;
using System.Text.Json;

namespace VecStore.Repl.Bench;

/// <summary>Finds the dataset <c>--dataset</c> names and its ground truth under the metric the run measures.</summary>
/// <remarks>
/// In order: <c>synth:...</c> is generated (<see cref="GaussianMixture"/>); a folder <c>DATA/NAME</c> (or
/// <c>DATA</c> itself) holding <c>meta.json</c> is read in the TEXMEX layout that prepare.py writes;
/// <c>fashion-mnist</c> without such a folder is read from Debian's IDX files (train images are the
/// base, test images the queries). Ground truth that no file provides (generated and IDX data, or a
/// <c>--metric</c> other than the dataset's) is computed exactly and cached under
/// <c>DATA/.vecstore-bench-cache/</c>, or under the temp folder when there is no writable DATA.
/// </remarks>
internal sealed class DatasetResolver(string? dataFolder, Action<string> log)
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the IDX files (the environment variable FASHION_MNIST_DIR overrides it).</summary>
    public static string FashionMnistFolder =>
        Environment.GetEnvironmentVariable("FASHION_MNIST_DIR") is { Length: > 0 } folder ? folder : "/usr/share/datasets/fashion-mnist";

    /// <summary>Neighbours kept per query in computed ground truth, as in the prepared datasets.</summary>
    public const int GroundTruthDepth = 100;

    /// <summary>Loads <paramref name="name"/> with exact neighbours under <paramref name="metric"/> (the dataset's own when null).</summary>
    /// <exception cref="BenchException">There is no such dataset, or its files are unreadable.</exception>
    public BenchDataset Resolve(string name, BenchMetric? metric)
    {
        if (SyntheticSpec.IsSynthetic(name))
        {
            var spec = SyntheticSpec.Parse(name);
            log($"generating {spec.Name}");
            var (baseVectors, queries) = GaussianMixture.Generate(spec);
            var effective = metric ?? spec.Metric;
            return new BenchDataset(spec.Name, effective, baseVectors, queries,
                CachedGroundTruth(spec.Name, baseVectors, queries, effective), "built-in Gaussian mixture");
        }

        if (FindPreparedFolder(name) is { } folder)
            return ReadPrepared(folder, metric);

        if (name == "fashion-mnist")
        {
            string idx = FashionMnistFolder;
            string train = Path.Combine(idx, "train-images-idx3-ubyte.gz"), test = Path.Combine(idx, "t10k-images-idx3-ubyte.gz");
            if (!File.Exists(train) || !File.Exists(test))
                throw new BenchException($"no prepared folder fashion-mnist{(dataFolder is null ? "" : " under " + dataFolder)}, and Debian's IDX files are not in {idx} (apt-get install dataset-fashion-mnist)");
            log($"reading Fashion-MNIST from {idx}");
            var baseVectors = IdxImages.Read(train);
            var queries = IdxImages.Read(test);
            var effective = metric ?? BenchMetric.L2;
            return new BenchDataset("fashion-mnist", effective, baseVectors, queries,
                CachedGroundTruth("fashion-mnist-idx", baseVectors, queries, effective), "Debian IDX files in " + idx);
        }

        throw new BenchException($"no dataset '{name}': expected a folder {name}/ with meta.json under --data{(dataFolder is null ? " (not given)" : " " + dataFolder)}, "
            + "fashion-mnist (read from Debian's IDX files), or synth:n=COUNT,d=DIMENSIONS[,metric=l2|cosine,seed=N,nq=QUERIES]");
    }

    private string? FindPreparedFolder(string name)
    {
        if (dataFolder is null)
            return Directory.Exists(name) && File.Exists(Path.Combine(name, "meta.json")) ? name : null;
        string inside = Path.Combine(dataFolder, name);
        if (File.Exists(Path.Combine(inside, "meta.json")))
            return inside;
        if (File.Exists(Path.Combine(dataFolder, "meta.json")) && Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataFolder))) == name)
            return dataFolder;
        return null;
    }

    private BenchDataset ReadPrepared(string folder, BenchMetric? metric)
    {
        string metaPath = Path.Combine(folder, "meta.json");
        string name;
        BenchMetric native;
        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(metaPath));
            var root = meta.RootElement;
            name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(Path.GetFullPath(folder));
            string metricName = root.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "l2";
            native = BenchNames.ParseMetric(metricName) ?? throw new BenchException($"{metaPath}: unknown metric '{metricName}'");
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"cannot read {metaPath}: {exception.Message}", exception);
        }

        log($"reading {name} from {folder}");
        var baseVectors = TexmexFiles.ReadFloats(Path.Combine(folder, "base.fvecs"));
        var queries = TexmexFiles.ReadFloats(Path.Combine(folder, "query.fvecs"));
        var effective = metric ?? native;
        string truthPath = Path.Combine(folder, "groundtruth.ivecs");
        NeighborLists truth;
        if (effective == native && File.Exists(truthPath))
        {
            truth = TexmexFiles.ReadNeighbors(truthPath);
            if (truth.Queries != queries.Rows)
                throw new BenchException($"{truthPath} has {truth.Queries} lists but {queries.Rows} queries; the folder is incomplete (rerun prepare.py --force)");
        }
        else
        {
            truth = CachedGroundTruth(name, baseVectors, queries, effective);
        }
        return new BenchDataset(name, effective, baseVectors, queries, truth, folder);
    }

    private NeighborLists CachedGroundTruth(string key, VectorMatrix baseVectors, VectorMatrix queries, BenchMetric metric)
    {
        int depth = Math.Min(GroundTruthDepth, baseVectors.Rows);
        string? path = CachePath(key, metric);
        if (path is not null && File.Exists(path))
        {
            try
            {
                var cached = TexmexFiles.ReadNeighbors(path);
                if (cached.Queries == queries.Rows && cached.Depth == depth)
                {
                    log($"ground truth from {path}");
                    return cached;
                }
            }
            catch (BenchException)
            {
                // A damaged cache file is recomputed and replaced.
            }
        }

        log(string.Create(CultureInfo.InvariantCulture,
            $"computing exact ground truth: {queries.Rows:N0} queries × {baseVectors.Rows:N0} vectors, metric {BenchNames.ToSql(metric)}"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var truth = ExactNeighbors.Compute(baseVectors, queries, metric, depth);
        log(string.Create(CultureInfo.InvariantCulture, $"ground truth computed in {started.Elapsed.TotalSeconds:F1} s"));
        if (path is not null)
        {
            try
            {
                TexmexFiles.WriteNeighbors(path, truth);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                log($"could not cache the ground truth in {path}: {exception.Message}");
            }
        }
        return truth;
    }

    private string? CachePath(string key, BenchMetric metric)
    {
        string file = Sanitize(key) + "." + BenchNames.ToSql(metric) + ".groundtruth.ivecs";
        foreach (var folder in CacheFolders())
        {
            try
            {
                Directory.CreateDirectory(folder);
                return Path.Combine(folder, file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Try the next place.
            }
        }
        return null;
    }

    private IEnumerable<string> CacheFolders()
    {
        if (dataFolder is not null)
            yield return Path.Combine(dataFolder, ".vecstore-bench-cache");
        yield return Path.Combine(Path.GetTempPath(), "vecstore-bench-cache");
    }

    private static string Sanitize(string key)
    {
        var chars = key.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not '-' and not '.')
                chars[i] = '_';
        return new string(chars);
    }
}
