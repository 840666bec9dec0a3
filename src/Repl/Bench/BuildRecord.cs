using System.Globalization;

namespace VecStore.Repl.Bench;

/// <summary>What a benchmark database was built from, kept in its <c>bench_info</c> table so that a later run can tell whether to reuse it.</summary>
internal sealed record BuildRecord(string Dataset, long Count, long Dimensions, string Element, string Metric, string Index, string Parameters, double BuildSeconds)
{
    /// <summary>The record a build for these options and this dataset writes (its time is filled in by <see cref="Write"/>).</summary>
    public static BuildRecord For(BenchOptions options, BenchDataset dataset) => new(
        dataset.Name, dataset.Base.Rows, dataset.Base.Dimensions, BenchNames.ToName(options.Element), BenchNames.ToSql(dataset.Metric),
        options.Index, string.Join(",", options.Parameters.Select(p => p.ToSql())) + (options.Filtered ? FilterMark : ""), 0);

    /// <summary>Marks, after the parameters, a database built with the filter columns of filtered mode.</summary>
    private const string FilterMark = " + filter columns";

    /// <summary>True when both describe the same build, whatever it took.</summary>
    public bool Matches(BuildRecord other) => this with { BuildSeconds = 0 } == other with { BuildSeconds = 0 };

    /// <summary><c>fashion-mnist (60000 × 784, float32, l2, flat)</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Dataset} ({Count} × {Dimensions}, {Element}, {Metric}, {Index}{(Parameters.Length > 0 ? " " + Parameters : "")})");

    /// <summary>The record in <paramref name="connection"/>'s database, or null when it has none.</summary>
    public static BuildRecord? Read(VecStoreConnection connection)
    {
        if (!connection.GetTables().Any(t => string.Equals(t.Name, SearchStatement.InfoTable, StringComparison.OrdinalIgnoreCase)))
            return null;
        using var command = new VecStoreCommand(
            $"SELECT dataset, n, d, element, metric, index_method, parameters, build_s FROM {SearchStatement.InfoTable} LIMIT 1", connection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new BuildRecord(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetDouble(7));
    }

    /// <summary>Stores the record with the build's time.</summary>
    public void Write(VecStoreConnection connection, double buildSeconds)
    {
        using (var create = new VecStoreCommand(
            $"CREATE TABLE {SearchStatement.InfoTable} (dataset TEXT, n INTEGER, d INTEGER, element TEXT, metric TEXT, index_method TEXT, parameters TEXT, build_s REAL)", connection))
            create.ExecuteNonQuery();
        using var insert = new VecStoreCommand(
            $"INSERT INTO {SearchStatement.InfoTable} VALUES (@dataset, @n, @d, @element, @metric, @index, @parameters, @build)", connection);
        insert.Parameters.AddWithValue("dataset", Dataset);
        insert.Parameters.AddWithValue("n", Count);
        insert.Parameters.AddWithValue("d", Dimensions);
        insert.Parameters.AddWithValue("element", Element);
        insert.Parameters.AddWithValue("metric", Metric);
        insert.Parameters.AddWithValue("index", Index);
        insert.Parameters.AddWithValue("parameters", Parameters);
        insert.Parameters.AddWithValue("build", buildSeconds);
        insert.ExecuteNonQuery();
    }
}
