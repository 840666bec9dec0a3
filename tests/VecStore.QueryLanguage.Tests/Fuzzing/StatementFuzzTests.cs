using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>
/// Grammar-based fuzzing: random statement sequences (tables of mixed scalar, VECTOR, HALF and BIT
/// columns, inserts with literals and parameters, searches, updates, deletes, index builds, ALTER TABLE,
/// transactions, EXPLAIN, ANALYZE, CHECKPOINT) run on a real database file through the provider.
/// </summary>
/// <remarks>
/// Invariants: only <see cref="VecStoreException"/> escapes, with a defined code and (for text
/// errors) a place inside the text; a failed statement leaves every row and the schema as they
/// were (snapshot fingerprints before and after, in and out of transactions); an exact similarity
/// search returns what brute force over the rows read back returns. Replay a failure with the seed
/// its message prints.
/// </remarks>
public sealed class StatementFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_statement_sequences_keep_the_invariants()
    {
        int statements = 0, failed = 0, checkedSearches = 0;
        int cases = FuzzRun.ForEach(nameof(Random_statement_sequences_keep_the_invariants), suite: 15, longMode: 2000, fixedSeed: 8_000, random =>
        {
            using var dir = new TempDirectory();
            using var connection = new VecStoreConnection($"Data Source={dir.File("fuzz.vdb")};Checkpoint Threshold={random.Next(4_000, 100_000)}");
            connection.Open();
            var schema = new FuzzSchema();
            var grammar = new FuzzGrammar(random, schema, dir.Path);
            var before = DatabaseSnapshot.Take(connection);
            int length = random.Next(20, 60);
            var log = new List<string>();
            for (int i = 0; i < length; i++)
            {
                var statement = grammar.Next();
                statements++;
                log.Add(statement.ToString());
                List<object?[]> rows;
                try
                {
                    rows = FuzzExecution.Run(connection, statement.Sql, statement.Parameters);
                }
                catch (VecStoreException error)
                {
                    failed++;
                    Assert.True(FuzzExecution.Inspect(error, statement.Sql) is null, $"{FuzzExecution.Inspect(error, statement.Sql)}: {statement}");
                    log[^1] = "(failed) " + log[^1];
                    var after = DatabaseSnapshot.Take(connection);
                    Assert.True(before.Fingerprint == after.Fingerprint,
                        $"the failed statement changed the database ({before.RowCount} rows before, {after.RowCount} after): {statement}\n{error.Message}");
                    continue;
                }
                catch (Exception other)
                {
                    throw new Xunit.Sdk.XunitException($"{other.GetType().Name} escaped from: {statement}\n{other}");
                }
                statement.OnSuccess?.Invoke(schema);
                if (statement.Oracle is { } oracle && before.Rows.TryGetValue(oracle.Table.Name, out var tableRows))
                {
                    var actual = rows.Select(r => (Convert.ToInt64(r[0]), r[1] is null ? double.NaN : Convert.ToDouble(r[1]))).ToList();
                    string? problem = SearchOracleCheck.Compare(oracle, tableRows, actual);
                    Assert.True(problem is null, $"{problem}: {statement}\nafter:\n{string.Join("\n", log.TakeLast(40))}");
                    checkedSearches++;
                }
                if (!statement.Sql.StartsWith("SELECT", StringComparison.Ordinal))
                    before = DatabaseSnapshot.Take(connection);
            }
        });
        output.WriteLine($"{cases} sequences, {statements} statements, {failed} failed cleanly, {checkedSearches} searches matched brute force");
        Assert.True(failed > statements / 20, "too few statements failed: the generator no longer reaches the error paths");
        Assert.True(checkedSearches > cases, "too few searches were checked against brute force");
    }
}
