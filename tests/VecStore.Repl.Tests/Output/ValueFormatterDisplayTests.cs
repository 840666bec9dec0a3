using VecStore.Repl.Output;

namespace VecStore.Repl.Tests.Output;

/// <summary>Table cells read the same in every culture: six significant digits, abbreviated vectors, NULL spelled out.</summary>
public sealed class ValueFormatterDisplayTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(10.5, "10.5")]
    [InlineData(0.23366805911064148, "0.233668")]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(123456.789, "123457")]
    [InlineData(1234567.891, "1234567.89")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(1e20, "1E+20")]
    [InlineData(double.NaN, "NaN")]
    public void Reals_have_six_significant_digits(double value, string expected) =>
        Assert.Equal(expected, ValueFormatter.ForDisplay(value));

    [Fact]
    public void Reals_ignore_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("10.5", ValueFormatter.ForDisplay(10.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Long_vectors_show_three_components_and_the_dimension_count() =>
        Assert.Equal("[0.125, -0.5, 0.3333, ... (32 dims)]", ValueFormatter.ForDisplay(Vector(32, 0.125f, -0.5f, 1f / 3)));

    [Fact]
    public void Short_vectors_show_in_full() =>
        Assert.Equal("[1, 0, -2.5, 0]", ValueFormatter.ForDisplay(new float[] { 1, 0, -2.5f, 0 }));

    [Theory]
    [InlineData(null, "NULL")]
    [InlineData(true, "true")]
    [InlineData(42L, "42")]
    [InlineData("two\nlines\tand a tab", "two\\nlines\\tand a tab")]
    public void Other_values_read_plainly(object? value, string expected) =>
        Assert.Equal(expected, ValueFormatter.ForDisplay(value));

    [Fact]
    public void DbNull_reads_NULL() => Assert.Equal("NULL", ValueFormatter.ForDisplay(DBNull.Value));

    [Fact]
    public void Long_blobs_show_their_start_and_length() =>
        Assert.Equal("x'000102030405060708090A0B0C0D0E0F...' (20 bytes)", ValueFormatter.ForDisplay(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Bits_read_as_bit_strings_first_bit_first() =>
        Assert.Equal(("101", "101"), (ValueFormatter.ForDisplay(new[] { true, false, true }), ValueFormatter.Exact(new[] { true, false, true })));

    [Fact]
    public void Long_bit_strings_are_cut_in_tables_but_not_in_full()
    {
        var bits = Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToArray();

        Assert.Equal((string.Concat(Enumerable.Repeat("10", 32)) + "... (100 bits)", 100),
            (ValueFormatter.ForDisplay(bits), ValueFormatter.Exact(bits).Length));
    }

    [Fact]
    public void Half_vectors_read_as_vectors() =>
        Assert.Equal("[1.5, -2]", ValueFormatter.ForDisplay(new[] { (Half)1.5f, (Half)(-2f) }));

    [Fact]
    public void Exact_keeps_every_digit() =>
        Assert.Equal(("0.1", "[0.1, 0.33333334]"), (ValueFormatter.Exact(0.1), ValueFormatter.Exact(new[] { 0.1f, 1f / 3 })));

    private static float[] Vector(int dimensions, params float[] start)
    {
        var vector = new float[dimensions];
        start.CopyTo(vector, 0);
        return vector;
    }
}
