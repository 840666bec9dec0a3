namespace VecStore.Durability.Tests;

/// <summary>Runs a statement with named parameters, in a transaction when one is given.</summary>
internal static class Sql
{
    public static void Execute(VecStoreConnection connection, string sql, VecStoreTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
