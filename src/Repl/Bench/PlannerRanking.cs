namespace VecStore.Repl.Bench;

/// <summary>What ranked the rows of one query, as EXPLAIN ANALYZE's <c>actual ranking:</c> line says (indented under a search of a relational SELECT, or not).</summary>
internal static class PlannerRanking
{
    public static string Of(VecStoreConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new VecStoreCommand("EXPLAIN ANALYZE " + sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        const string Prefix = "actual ranking: ";
        while (reader.Read())
            if (reader.GetString(0).TrimStart() is { } line && line.StartsWith(Prefix, StringComparison.Ordinal))
                return line[Prefix.Length..];
        return "-";
    }
}
