using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>Runs SQL with the offending span marked in braces and checks the error's code, position and message.</summary>
internal static class ErrorAssert
{
    public static VecStoreException Fails(VecStoreConnection connection, string annotated, ErrorCode code, string? reason = null, params (string, object?)[] parameters)
    {
        var sql = AnnotatedSql.Parse(annotated, '{', '}');
        using var command = connection.CreateCommand();
        command.CommandText = sql.Text;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var error = Assert.Throws<VecStoreException>(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.NextResult())
            {
            }
        });
        Assert.Equal(code, error.Code);
        if (sql.Spans.Count == 1)
        {
            Assert.NotNull(error.Location);
            var (start, length) = sql.Span;
            var before = sql.Text[..start];
            int line = before.Count(c => c == '\n') + 1;
            int column = start - (before.LastIndexOf('\n') + 1) + 1;
            Assert.Equal((line, column, Math.Max(1, length)), (error.Location!.Line, error.Location.Column, Math.Max(1, error.Location.Length)));
        }
        if (reason is not null)
            Assert.Equal(reason, error.Reason);
        return error;
    }

    public static long Count(VecStoreConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + table;
        return (long)command.ExecuteScalar()!;
    }

    public static void Execute(VecStoreConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
