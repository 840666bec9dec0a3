using Dapper;
using VecStore.QueryLanguage.Tests.Errors;

namespace VecStore.QueryLanguage.Tests.Settings;

/// <summary>SET, RESET and SHOW through ADO.NET: values last for the session, follow PostgreSQL's transaction rules, and a SELECT's WITH wins.</summary>
public sealed class SessionSettingTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public SessionSettingTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, v VECTOR(2))");
        _connection.Execute("CREATE TABLE u (id INTEGER PRIMARY KEY, v VECTOR(2))");
        for (int i = 1; i <= 20; i++)
        {
            _connection.Execute("INSERT INTO t VALUES (@id, @cat, @v)", new { id = i, cat = i % 3, v = new[] { (float)i, 1f } });
            _connection.Execute("INSERT INTO u VALUES (@id, @v)", new { id = i, v = new[] { 1f, (float)i } });
        }
        _connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        _connection.Execute("CREATE INDEX u_v ON u USING IVF (v) WITH (lists = 2)");
    }

    public void Dispose() => _connection.Dispose();

    private const string Search = "SELECT id FROM t ORDER BY v <-> [1, 1] LIMIT 3";

    [Fact]
    public void Set_ef_search_is_the_breadth_of_the_next_searches_and_explain_says_so()
    {
        _connection.Execute("SET ef_search = 100");

        Assert.Contains("ef_search = 100 (SET for the session)", Explain(Search)[1]);
        Assert.Contains("ef_search = 100 (SET for the session)", Explain(Search)[1]);
    }

    [Fact]
    public void Without_set_the_breadth_is_the_index_default()
    {
        Assert.EndsWith("(the index's default)", Explain(Search)[1]);
    }

    [Fact]
    public void Pgvector_names_are_aliases()
    {
        _connection.Execute("SET hnsw.ef_search TO 77; SET ivfflat.probes = 2");

        Assert.Equal("77", Show("ef_search").Value);
        Assert.Equal("2", Show("ivfflat.probes").Value);
        Assert.Contains("nprobe = 2 (SET for the session)", Explain("SELECT id FROM u ORDER BY v <-> [1, 1] LIMIT 3")[1]);
    }

    [Fact]
    public void Set_strategy_forces_the_strategy_and_explain_names_the_setting()
    {
        _connection.Execute("SET strategy = flat");

        var lines = Explain(Search);
        Assert.Equal("VECTOR SEARCH t.v USING flat (exact, forced by SET strategy)", lines[0]);
        Assert.Contains(lines, l => l == "  why: strategy 'flat' (forced by SET strategy): an exact scan of every vector, skipping rows the filter rejects");
    }

    [Fact]
    public void With_of_the_query_wins_over_set()
    {
        _connection.Execute("SET ef_search = 100; SET strategy = 'flat'");

        var lines = Explain(Search + " WITH (ef_search = 12, strategy = 'index')");

        Assert.StartsWith("VECTOR SEARCH t.v USING index hnsw t_v (approximate, forced)", lines[0], StringComparison.Ordinal);
        Assert.Contains("ef_search = 12 (WITH)", lines[1]);
        Assert.Contains("  settings: SET ef_search = 100 not used: WITH (...) gives this query's search breadth", lines);
        Assert.Contains("  settings: SET strategy = 'flat' not used: WITH (strategy = ...) gives this query's own", lines);
    }

    [Fact]
    public void A_setting_that_does_not_apply_to_a_search_is_noted_and_the_search_runs()
    {
        _connection.Execute("SET nprobe = 2; SET ef_search = 50");

        var hnsw = Explain(Search);
        var exact = Explain("SELECT id FROM t ORDER BY l1_distance(v, [1, 1]) LIMIT 3");

        Assert.Contains("  settings: SET nprobe = 2 not used: the search goes through the HNSW index t_v", hnsw);
        Assert.Contains(exact, l => l.StartsWith("  settings: SET ef_search = 50 not used: this search is exact (the index 't_v' on the column cannot rank it", StringComparison.Ordinal));
        Assert.Equal([1L, 2L, 3L], _connection.Query<long>("SELECT id FROM t ORDER BY l1_distance(v, [1, 1]) LIMIT 3"));
        Assert.Equal(20L, _connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Set_strategy_index_where_no_index_serves_leaves_the_search_to_the_planner()
    {
        _connection.Execute("SET strategy = 'index'");

        var lines = Explain("SELECT id FROM t ORDER BY l1_distance(v, [1, 1]) LIMIT 3");

        Assert.StartsWith("VECTOR SEARCH t.v USING flat (exact)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("  settings: SET strategy = 'index' not used: the index 't_v' on the column cannot rank it", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_last_across_statements_commands_and_committed_transactions()
    {
        _connection.Execute("SET ef_search = 90");
        _connection.Execute("BEGIN; SET nprobe = 3; COMMIT");
        _connection.Query<long>(Search);

        Assert.Equal(("90", "SET"), (Show("ef_search").Value, Show("ef_search").Source));
        Assert.Equal("3", Show("nprobe").Value);
    }

    [Fact]
    public void Rollback_undoes_the_set_and_reset_of_its_transaction()
    {
        _connection.Execute("SET ef_search = 90; SET nprobe = 3");
        _connection.Execute("BEGIN; SET ef_search = 10; RESET nprobe; SET strategy = 'flat'; ROLLBACK");

        Assert.Equal("90", Show("ef_search").Value);
        Assert.Equal("3", Show("nprobe").Value);
        Assert.Equal(("auto", "default"), (Show("strategy").Value, Show("strategy").Source));
    }

    [Fact]
    public void Rollback_through_the_transaction_object_undoes_set_too()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            _connection.Execute("SET ef_search = 10", transaction: transaction);
            transaction.Rollback();
        }

        Assert.Equal("default", Show("ef_search").Source);
    }

    [Fact]
    public void Set_local_lasts_until_the_transaction_ends()
    {
        _connection.Execute("SET ef_search = 90");
        _connection.Execute("BEGIN; SET LOCAL ef_search = 15");
        var inside = Show("ef_search");
        var plan = Explain(Search)[1];
        _connection.Execute("COMMIT");

        Assert.Equal(("15", "SET LOCAL"), (inside.Value, inside.Source));
        Assert.Contains("ef_search = 15 (SET for the session)", plan);
        Assert.Equal(("90", "SET"), (Show("ef_search").Value, Show("ef_search").Source));
    }

    [Fact]
    public void Set_local_to_default_hides_the_session_value_until_the_transaction_ends()
    {
        _connection.Execute("SET ef_search = 90");
        _connection.Execute("BEGIN; SET LOCAL ef_search TO DEFAULT");
        var inside = Show("ef_search");
        _connection.Execute("COMMIT");

        Assert.Equal((null, "default"), (inside.Value, inside.Source));
        Assert.Equal(("90", "SET"), (Show("ef_search").Value, Show("ef_search").Source));
    }

    [Fact]
    public void Set_local_outside_a_transaction_is_refused()
    {
        ErrorAssert.Fails(_connection, "{SET LOCAL ef_search = 15}", ErrorCode.NoActiveTransaction,
            "SET LOCAL lasts until the transaction ends, and none is open; BEGIN one first, or use SET for the session");

        Assert.Equal("default", Show("ef_search").Source);
    }

    [Fact]
    public void Reset_default_and_reset_all_bring_the_defaults_back()
    {
        _connection.Execute("SET ef_search = 90; SET nprobe = 3; SET strategy = 'prefilter'");
        _connection.Execute("SET ef_search TO DEFAULT; RESET nprobe");
        var strategy = Show("strategy").Value;
        _connection.Execute("RESET ALL");

        Assert.Equal("prefilter", strategy);
        Assert.All(_connection.Query<SettingRow>("SHOW ALL"), row => Assert.Equal("default", row.Source));
    }

    [Fact]
    public void Closing_and_opening_the_connection_resets_every_setting()
    {
        _connection.Execute("SET ef_search = 90");
        _connection.Close();
        _connection.Open();

        Assert.Equal("default", Show("ef_search").Source);
    }

    [Fact]
    public void Show_all_lists_every_setting_with_its_value_source_and_description()
    {
        _connection.Execute("SET ef_search = @ef", new { ef = 64 });

        var rows = _connection.Query<SettingRow>("SHOW ALL").ToList();

        Assert.Equal(["ef_search", "nprobe", "strategy"], rows.Select(r => r.Name));
        Assert.Equal([("64", "SET"), (null, "default"), ("auto", "default")], rows.Select(r => (r.Value, r.Source)));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Description)));
    }

    [Fact]
    public void Set_takes_a_command_parameter_and_show_reads_back_through_a_data_reader()
    {
        using var set = _connection.CreateCommand();
        set.CommandText = "SET nprobe = $n";
        set.Parameters.AddWithValue("n", 5);
        set.ExecuteNonQuery();
        using var show = _connection.CreateCommand();
        show.CommandText = "SHOW ivfflat.probes";
        using var reader = show.ExecuteReader();

        Assert.True(reader.Read());
        Assert.Equal(("name", "value", "source", "description"), (reader.GetName(0), reader.GetName(1), reader.GetName(2), reader.GetName(3)));
        Assert.Equal(("nprobe", "5", "SET"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("SET {ef_serch} = 100", ErrorCode.UnknownSetting, "unknown setting 'ef_serch'; the settings are ef_search (hnsw.ef_search), nprobe (ivfflat.probes) and strategy")]
    [InlineData("SHOW {work_mem}", ErrorCode.UnknownSetting, "unknown setting 'work_mem'; the settings are ef_search (hnsw.ef_search), nprobe (ivfflat.probes) and strategy")]
    [InlineData("RESET {hnsw.ef}", ErrorCode.UnknownSetting, "unknown setting 'hnsw.ef'; the settings are ef_search (hnsw.ef_search), nprobe (ivfflat.probes) and strategy")]
    [InlineData("SET {local} = 5", ErrorCode.UnknownSetting, "unknown setting 'local'; the settings are ef_search (hnsw.ef_search), nprobe (ivfflat.probes) and strategy")]
    [InlineData("SET {hnsw.iterative_scan} = strict_order", ErrorCode.UnknownSetting, "'hnsw.iterative_scan' is pgvector's switch for filtered searches that go on until enough rows pass; VecStore's always do, in exact order (as strict_order), so there is nothing to set")]
    [InlineData("SET ef_search = {0}", ErrorCode.InvalidSettingValue, "ef_search takes a whole number from 1 to 10000, not 0")]
    [InlineData("SET hnsw.ef_search = {10001}", ErrorCode.InvalidSettingValue, "ef_search takes a whole number from 1 to 10000, not 10001")]
    [InlineData("SET nprobe = {'many'}", ErrorCode.InvalidSettingValue, "nprobe takes a whole number from 1 to 65536, not 'many'")]
    [InlineData("SET nprobe = {2.5}", ErrorCode.InvalidSettingValue, "nprobe takes a whole number from 1 to 65536, not 2.5")]
    [InlineData("SET strategy = {'fast'}", ErrorCode.InvalidSettingValue, "strategy is one of 'auto', 'prefilter', 'flat', 'index' and 'postfilter', not 'fast'")]
    [InlineData("SET strategy = {1}", ErrorCode.InvalidSettingValue, "strategy is one of 'auto', 'prefilter', 'flat', 'index' and 'postfilter', not 1")]
    public void Bad_settings_fail_with_a_code_and_a_caret_and_change_nothing(string sql, ErrorCode code, string reason)
    {
        _connection.Execute("SET ef_search = 90; SET nprobe = 3; SET strategy = 'flat'");

        ErrorAssert.Fails(_connection, sql, code, reason);

        Assert.Equal([("90", "SET"), ("3", "SET"), ("flat", "SET")], _connection.Query<SettingRow>("SHOW ALL").Select(r => (r.Value, r.Source)));
    }

    [Fact]
    public void Set_runs_on_a_read_only_connection()
    {
        using var dir = new TestSupport.TempDirectory();
        string path = dir.File("ro.vdb");
        using (var writer = new VecStoreConnection($"Data Source={path}"))
        {
            writer.Open();
            writer.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
        using var reader = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
        reader.Open();

        reader.Execute("SET strategy = 'prefilter'");

        Assert.Equal("prefilter", reader.QuerySingle<SettingRow>("SHOW strategy").Value);
    }

    private SettingRow Show(string name) => _connection.QuerySingle<SettingRow>("SHOW " + name);

    private List<string> Explain(string sql) => _connection.Query<string>("EXPLAIN " + sql).ToList();

    private sealed record SettingRow(string Name, string? Value, string Source, string Description);
}
