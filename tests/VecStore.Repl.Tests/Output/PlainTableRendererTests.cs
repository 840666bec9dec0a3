using System.Data;
using VecStore.Repl.Output;

namespace VecStore.Repl.Tests.Output;

/// <summary>Plain tables align numbers right and text left, and carry no trailing spaces.</summary>
public sealed class PlainTableRendererTests
{
    [Fact]
    public void Write_aligns_columns()
    {
        var data = new DataTable();
        data.Columns.Add("id", typeof(long));
        data.Columns.Add("name", typeof(string));
        data.Rows.Add(7L, "Trail shoe");
        data.Rows.Add(12L, DBNull.Value);
        var output = new StringWriter { NewLine = "\n" };

        PlainTableRenderer.Write(ResultTable.Read(data.CreateDataReader()), output);

        Assert.Equal(" id | name\n----+------------\n  7 | Trail shoe\n 12 | NULL\n", output.ToString());
    }
}
