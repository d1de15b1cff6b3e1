using BRoute.Cli.Output;
using CsCheck;

namespace BRoute.Cli.Tests.Output;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r", "\"cr\r\"")]
    [InlineData(" spaced ", " spaced ")]
    public void Fields_are_quoted_only_when_rfc_4180_needs_it(string? value, string expected) =>
        Assert.Equal(expected, CsvText.Field(value));

    [Fact]
    public void Records_end_with_crlf()
    {
        Assert.Equal("a,\"b,c\",\r\n", CsvText.Record("a", "b,c", null));
    }

    [Fact]
    public void Any_fields_survive_a_round_trip()
    {
        Gen.String[Gen.Char[" ,\"\r\nabcxyz0123{}:"], 0, 12].Array[1, 6].Sample(fields =>
        {
            var record = CsvText.Record(fields);
            Assert.EndsWith("\r\n", record, StringComparison.Ordinal);
            Assert.True(CsvText.TryParseRecord(record[..^2], out var parsed));
            Assert.Equal(fields, parsed);
        });
    }

    [Theory]
    [InlineData("\"open")]
    [InlineData("\"closed\"x")]
    [InlineData("a\"b")]
    public void Malformed_records_are_refused(string line) =>
        Assert.False(CsvText.TryParseRecord(line, out _));
}
