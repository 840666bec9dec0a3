namespace VecStore.Durability.Tests;

/// <summary>The statements the durability tests run: with named parameters, in a transaction when one is given.</summary>
internal static class Sql
{
    /// <summary>An open connection to the database at <paramref name="path"/>, with <paramref name="options"/> (";Mode=ReadOnly", say) added to its connection string.</summary>
    public static VecStoreConnection Open(string path, string options = "")
    {
        var connection = new VecStoreConnection($"Data Source={path}{options}");
        connection.Open();
        return connection;
    }

    public static void Execute(VecStoreConnection connection, string sql, VecStoreTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>A <c>count(*)</c> (or any one integer) a query returns.</summary>
    public static long Count(VecStoreConnection connection, string sql, VecStoreTransaction? transaction = null)
    {
        using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of (id, an integer, a vector or NULL) by id, as the crash workload's tables read back.</summary>
    public static SortedDictionary<long, (long Val, float[]? V)> Rows(VecStoreConnection connection, string sql)
    {
        var rows = new SortedDictionary<long, (long Val, float[]? V)>();
        using var command = new VecStoreCommand(sql, connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows[reader.GetInt64(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : (float[])reader.GetValue(2));
        return rows;
    }
}
