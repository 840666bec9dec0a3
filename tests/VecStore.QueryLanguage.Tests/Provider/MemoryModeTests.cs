using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class MemoryModeTests
{
    [Fact]
    public void Mode_Memory_without_a_Data_Source_opens_a_private_database()
    {
        using var a = new VecStoreConnection("Mode=Memory");
        using var b = new VecStoreConnection("Mode=Memory");
        a.Open();
        b.Open();
        a.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        a.Execute("INSERT INTO t VALUES (1, [1, 2])");
        Assert.Equal(new float[] { 1, 2 }, a.QuerySingle<float[]>("SELECT v FROM t"));
        Assert.Empty(b.GetTables());
    }

    [Fact]
    public void A_connection_string_without_Data_Source_and_another_mode_is_still_refused()
    {
        using var connection = new VecStoreConnection("Mode=ReadWriteCreate");
        Assert.Equal(ErrorCode.InvalidConnectionString, Assert.Throws<VecStoreException>(connection.Open).Code);
    }
}
