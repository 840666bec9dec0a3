using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class SourceTextTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(2, 1, 3)]
    [InlineData(3, 1, 4)]
    [InlineData(4, 2, 1)]
    [InlineData(7, 2, 4)]
    [InlineData(8, 3, 1)]
    [InlineData(10, 3, 3)]
    [InlineData(11, 4, 1)]
    [InlineData(12, 4, 2)]
    public void GetLocation_counts_lines_after_lf_crlf_and_cr(int offset, int line, int column)
    {
        var source = new SourceText("abc\ndef\rg\r\nh");

        var location = source.GetLocation(new SourceSpan(offset, 0));

        Assert.Equal((line, column), (location.Line, location.Column));
    }

    [Fact]
    public void GetLocation_gives_the_line_text_without_its_break()
    {
        var source = new SourceText("SELECT 1;\r\nSELECT 2 +;\r\n");

        var location = source.GetLocation(new SourceSpan(21, 1));

        Assert.Equal(new VecStore.SourceLocation(2, 11, 1, "SELECT 2 +;"), location);
    }

    [Fact]
    public void GetLocation_gives_an_empty_span_a_length_of_one_for_the_caret()
    {
        var location = new SourceText("abc").GetLocation(new SourceSpan(3, 0));

        Assert.Equal(new VecStore.SourceLocation(1, 4, 1, "abc"), location);
    }

    [Fact]
    public void LineCount_counts_a_final_empty_line()
    {
        Assert.Equal(1, new SourceText("").LineCount);
        Assert.Equal(2, new SourceText("a\n").LineCount);
    }
}
