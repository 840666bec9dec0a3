using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>
/// Random .NET values (<see cref="ParameterFuzzValues"/>: every type the provider accepts and many
/// it must refuse) bound to every place a parameter may stand, in commands, bulk inserts and batches.
/// </summary>
/// <remarks>
/// Invariants: only <see cref="VecStoreException"/> escapes; its code says the value was wrong
/// (binding, 0100-0199), was refused when executing (0200-0299) or too large (StorageLimit), never
/// an I/O or corruption code that would blame the files; a failed statement changes nothing.
/// </remarks>
public sealed class ParameterFuzzTests(ITestOutputHelper output)
{
    private const string Table = "CREATE TABLE p (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, f BOOLEAN, v VECTOR(4), h VECTOR(4) HALF METRIC cosine, bits BIT(8))";

    /// <summary>
    /// Statements with parameters in every place the grammar allows one: values, assignments,
    /// conditions, vector literal elements, LIMIT and OFFSET, the select list. Each {kind} is a
    /// parameter that gets a fitting value, except for the one to three places the case fuzzes.
    /// </summary>
    private static readonly string[] Templates =
    [
        "INSERT INTO p VALUES ({id}, {int}, {real}, {text}, {blob}, {bool}, {v4}, {v4}, {bits})",
        "INSERT INTO p (id, v, h, bits) VALUES (?id, ?v4, ?v4, ?bits)",
        "INSERT INTO p (id, v) VALUES ({id}, [{real}, {real}, 0, 1])",
        "UPDATE p SET i = {int}, r = {real}, t = {text} WHERE id = {int}",
        "UPDATE p SET v = {v4}, h = {v4}, bits = {bits} WHERE t = {text}",
        "UPDATE p SET b = {blob}, f = {bool} WHERE distance(v, {v4}) < {real}",
        "DELETE FROM p WHERE r > {real} OR f = {bool}",
        "DELETE FROM p WHERE distance(h, {v4}) <= {real}",
        "SELECT * FROM p WHERE i = {int} OR t = {text} OR b = {blob}",
        "SELECT id FROM p ORDER BY distance(v, {v4}) LIMIT {int} OFFSET {int}",
        "SELECT id, h <=> {v4} FROM p ORDER BY h <=> {v4} LIMIT 3",
        "SELECT id FROM p ORDER BY bits <~> {bits} LIMIT 3",
        "SELECT id FROM p WHERE distance(v, {v4}) BETWEEN {real} AND {real}",
        "SELECT id FROM p WHERE id IN ({int}, {int}, {int}) AND t LIKE {text} ESCAPE {text}",
        "SELECT {int}, {text}, {real} + 1, -{int}, {text} || 'x'",
        "SELECT id FROM p WHERE i BETWEEN {int} AND {int} ORDER BY distance(v, [{real}, {real}, 0.5, 1]) LIMIT 2",
        "SELECT count(*) FROM p WHERE f = {bool} AND r < {real}",
        "EXPLAIN SELECT id FROM p WHERE t = {text} ORDER BY v <-> {v4} LIMIT {int}",
    ];

    /// <summary>The template with its places numbered (@p0, @p1, ... or ?), each with a fitting value or, for the fuzzed places, any value at all.</summary>
    private static (string Sql, List<(string, object?)> Parameters) Instantiate(Random random, string template)
    {
        var parts = template.Split('{', '}');
        var places = Enumerable.Range(0, parts.Length / 2).ToList();
        var fuzzed = places.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToHashSet();
        var sql = new System.Text.StringBuilder();
        var parameters = new List<(string, object?)>();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                // "?kind" places bind by position, the others by name.
                sql.Append(System.Text.RegularExpressions.Regex.Replace(parts[i], @"\?(id|v4|bits)", match =>
                {
                    parameters.Add(("", Fitting(random, match.Groups[1].Value)));
                    return "?";
                }));
                continue;
            }
            string name = "p" + parameters.Count;
            sql.Append('@').Append(name);
            parameters.Add((name, fuzzed.Contains(i / 2) ? ParameterFuzzValues.Any(random) : Fitting(random, parts[i])));
        }
        if (parameters.Count > 0 && parameters[0].Item1.Length == 0)
            parameters[random.Next(parameters.Count)] = ("", ParameterFuzzValues.Any(random));
        return (sql.ToString(), parameters);
    }

    private static object? Fitting(Random random, string kind) => kind switch
    {
        "id" => (long)random.Next(3, 1_000_000),
        "int" => (long)random.Next(-3, 10),
        "real" => random.NextDouble() * 2,
        "text" => random.Next(2) == 0 ? "a" : "%",
        "blob" => new byte[] { 1, 2 },
        "bool" => random.Next(2) == 0,
        "bits" => new[] { true, false, true, false, true, true, false, false },
        _ => new[] { (float)random.NextDouble(), 1f, 0f, 0.5f },
    };

    private static readonly ErrorCode[] Refusals = [ErrorCode.StorageLimit];

    [Fact]
    public void Random_parameter_values_in_every_place_fail_only_with_a_value_error()
    {
        int ran = 0, refused = 0;
        var codes = new SortedDictionary<ErrorCode, int>();
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        FuzzExecution.Run(connection, Table);
        FuzzExecution.Run(connection, "INSERT INTO p VALUES (1, 5, 2.5, 'a', x'01', TRUE, [1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 1, 0, 1, 0, 1, 0]), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        int cases = FuzzRun.ForEach(nameof(Random_parameter_values_in_every_place_fail_only_with_a_value_error), suite: 1500, longMode: 100_000, fixedSeed: 5_100, random =>
        {
            var (sql, parameters) = Instantiate(random, Templates[random.Next(Templates.Length)]);
            var before = DatabaseSnapshot.Take(connection);
            VecStoreException? error;
            try
            {
                error = FuzzExecution.RunExpectingOnlyVecStoreErrors(connection, sql, parameters);
            }
            catch (Exception other)
            {
                throw new Xunit.Sdk.XunitException($"{other.GetType().Name} escaped from {sql} with {Describe(parameters)}\n{other}");
            }
            if (error is null)
            {
                ran++;
                return;
            }
            refused++;
            codes[error.Code] = codes.GetValueOrDefault(error.Code) + 1;
            Assert.True((int)error.Code is >= 100 and < 300 || Refusals.Contains(error.Code), $"{error.Code} ({error.Message}) from {sql} with {Describe(parameters)}");
            Assert.True(FuzzExecution.Inspect(error, sql) is null, FuzzExecution.Inspect(error, sql));
            Assert.True(before.Fingerprint == DatabaseSnapshot.Take(connection).Fingerprint, $"the failed statement changed the database: {sql} with {Describe(parameters)}");
        });
        output.WriteLine($"{cases} commands: {ran} ran, {refused} refused: " + string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}")));
        Assert.True(ran > cases / 20 && refused > cases / 5, "the values no longer reach both the accepting and the refusing paths");
    }

    [Fact]
    public void Random_values_in_bulk_inserts_and_batches_fail_only_with_a_value_error()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        FuzzExecution.Run(connection, Table);
        int cases = FuzzRun.ForEach(nameof(Random_values_in_bulk_inserts_and_batches_fail_only_with_a_value_error), suite: 300, longMode: 20_000, fixedSeed: 6_200, random =>
        {
            var before = DatabaseSnapshot.Take(connection);
            try
            {
                if (random.Next(2) == 0)
                {
                    var bulk = new VecStoreBulkInsert(connection, "p", ["id", "i", "t", "v", "h", "bits"]);
                    var rows = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Enumerable.Range(0, 6).Select(_ => ParameterFuzzValues.Any(random)).ToArray()).ToList();
                    bulk.Write(rows);
                }
                else
                {
                    using var batch = new VecStoreBatch(connection);
                    for (int i = random.Next(1, 4); i > 0; i--)
                    {
                        var command = new VecStoreBatchCommand("SELECT id FROM p ORDER BY distance(v, @q) LIMIT 3");
                        command.Parameters.AddWithValue("q", ParameterFuzzValues.Any(random));
                        batch.BatchCommands.Add(command);
                    }
                    using var reader = batch.ExecuteReader();
                    do
                    {
                        while (reader.Read())
                        {
                        }
                    }
                    while (reader.NextResult());
                }
                before = DatabaseSnapshot.Take(connection);
            }
            catch (VecStoreException error)
            {
                Assert.True((int)error.Code is >= 100 and < 300 || Refusals.Contains(error.Code), $"{error.Code}: {error.Message}");
                Assert.True(before.Fingerprint == DatabaseSnapshot.Take(connection).Fingerprint, "a failed bulk insert or batch changed the database");
            }
        });
        output.WriteLine($"{cases} bulk inserts and batches");
    }

    private static string Describe(List<(string Name, object? Value)> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value switch { null => "null", Array a => $"{a.GetType().Name}[{a.Length}]", string s when s.Length > 20 => $"string[{s.Length}]", _ => $"{p.Value.GetType().Name}:{p.Value}" }}"));
}
