using System.Data;
using VecStore.Repl.Output;

namespace VecStore.Repl.Tests.Output;

/// <summary>JSON has no NaN or infinity: they are written as PostgreSQL writes them, strings that cannot be mistaken for NULL.</summary>
/// <remarks>
/// A REAL column holds infinities but not NaN, which only a computation returns; the golden script
/// <c>types.sql</c> covers what the engine returns, this covers every spelling through a reader of
/// System.Data's own tables.
/// </remarks>
public sealed class JsonNonFiniteNumberTests
{
    [Fact]
    public void NaN_and_infinities_are_strings_and_null_stays_null()
    {
        using var table = new DataTable();
        table.Columns.Add("r", typeof(double));
        table.Columns.Add("f", typeof(float));
        table.Columns.Add("v", typeof(float[]));
        table.Rows.Add(double.NaN, float.PositiveInfinity, new[] { float.NegativeInfinity, float.NaN, 1.5f });
        table.Rows.Add(DBNull.Value, DBNull.Value, DBNull.Value);
        var output = new StringWriter();

        JsonResultWriter.Write(table.CreateDataReader(), output);

        Assert.Equal("""
            [
              {"r": "NaN", "f": "Infinity", "v": ["-Infinity", "NaN", 1.5]},
              {"r": null, "f": null, "v": null}
            ]

            """.ReplaceLineEndings("\n"), output.ToString());
    }
}
