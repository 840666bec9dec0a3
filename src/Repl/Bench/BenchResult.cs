namespace VecStore.Repl.Bench;

/// <summary>One line of results: a measured point with everything needed to read it beside reference.py's lines.</summary>
/// <param name="Index">The index method: <c>flat</c>, <c>hnsw</c>, ...</param>
/// <param name="Parameters">Build parameters, then the point's search parameters.</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Metric">The metric measured, as SQL spells it.</param>
/// <param name="Element">How elements were stored: <c>float32</c>, <c>half</c>, <c>bit</c>.</param>
/// <param name="Count">Base vectors (n).</param>
/// <param name="Dimensions">Dimensions (d).</param>
/// <param name="K">Rows each search returned (LIMIT).</param>
/// <param name="Point">What was measured.</param>
/// <param name="BuildSeconds">Create, load, checkpoint and index, in seconds.</param>
/// <param name="StoredMb">The vector file and index files on disk, in MiB (<c>mem_mb</c>).</param>
/// <param name="FilesMb">Every file of the database on disk, in MiB (<c>db_files_mb</c>).</param>
/// <param name="RssDeltaMb">Growth of resident memory during the build, in MiB; null when the database was reused.</param>
/// <param name="OpenSeconds">From a closed database to the first answered query.</param>
/// <param name="ReusedDatabase">True when the build was an earlier run's.</param>
/// <param name="Machine">The processor and core count.</param>
/// <param name="IndexBuildSeconds">CREATE INDEX alone, in seconds (what hnswlib's build_s times); null for flat or a reused database.</param>
/// <param name="IndexMb">The index files alone on disk, in MiB (what hnswlib's saved index measures).</param>
/// <param name="Date">When the run started, local time, <c>yyyy-MM-ddTHH:mm:ss</c> as reference.py writes it.</param>
internal sealed record BenchResult(
    string Index,
    IReadOnlyList<IndexOption> Parameters,
    string Dataset,
    string Metric,
    string Element,
    int Count,
    int Dimensions,
    int K,
    Measurement Point,
    double BuildSeconds,
    double StoredMb,
    double FilesMb,
    double? RssDeltaMb,
    double OpenSeconds,
    bool ReusedDatabase,
    MachineInfo Machine,
    string Date,
    double? IndexBuildSeconds = null,
    double IndexMb = 0);
