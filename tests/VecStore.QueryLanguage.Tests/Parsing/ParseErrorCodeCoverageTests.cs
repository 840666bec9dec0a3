namespace VecStore.QueryLanguage.Tests.Parsing;

public sealed class ParseErrorCodeCoverageTests
{
    [Fact]
    public void Every_tokenizing_and_parsing_error_code_has_a_message_test()
    {
        var tested = ParserErrorMessageTests.Cases.Select(row => (ErrorCode)row[1])
            .Append(ErrorCode.StatementTooLong) // ParserErrorMessageTests.Parse_reports_a_statement_longer_than_the_limit_at_its_first_token
            .ToHashSet();

        var untested = Enum.GetValues<ErrorCode>().Where(code => (int)code is >= 1 and <= 99 && !tested.Contains(code)).ToList();

        Assert.True(untested.Count == 0, "Parse error codes without a test: " + string.Join(", ", untested));
    }
}
