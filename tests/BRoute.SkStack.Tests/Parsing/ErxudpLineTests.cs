using System.Globalization;
using System.Text.RegularExpressions;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Parsing;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public partial class ErxudpLineTests
{
    [Fact]
    public void Every_reconstructed_seed_line_decodes_with_the_declared_length()
    {
        // seed-trace-decoded.md §1 (lines) and §3 (DATALEN → decimal, counted bytes).
        var text = File.ReadAllText(ReferenceFiles.PathOf("seed-trace-decoded.md"));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("ERXUDP ", StringComparison.Ordinal)).ToList();
        var lengths = LengthRow().Matches(text).Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(16, lines.Count);
        Assert.Equal(16, lengths.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.True(ErxudpLine.TryParse(lines[i], out var e, out var error), error);
            Assert.Null(error);
            Assert.Equal(lengths[i], e!.Data.Length);
            Assert.Equal(Convert.FromHexString(lines[i].Split(' ')[^1]), e.Data.ToArray());
            Assert.Equal(ErxudpLayout.NineTokens, e.Layout);
            Assert.Equal(Wire.Meter, e.Sender);
        }
    }

    [Fact]
    public void Qiita_ten_token_line()
    {
        Assert.True(ErxudpLine.TryParse(
            "ERXUDP FE80:0000:0000:0000:C2F9:4500:4058:B5FB FE80:0000:0000:0000:021D:1291:0004:E578 0E1A 0E1A 0011223344556677 1 0 0026 1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015",
            out var e,
            out _));
        Assert.Equal(ErxudpLayout.TenTokensWithSide, e!.Layout);
        Assert.Equal(0, e.Side);
        Assert.Equal(38, e.Data.Length);
    }

    [Fact]
    public void Eleven_token_line_with_surrounding_whitespace_and_line_end()
    {
        Assert.True(ErxudpLine.TryParse(
            $"  ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF E1 1 0 000F 1081000102880105FF017201800130\r\n",
            out var e,
            out _));
        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, e!.Layout);
        Assert.Equal((byte)0xE1, e.Rssi);
    }

    [Fact]
    public void Length_mismatch_is_explained_with_numbers()
    {
        Assert.False(ErxudpLine.TryParse($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0010 1081000102880105FF017201800130", out var e, out var error));
        Assert.Null(e);
        Assert.Equal("DATALEN 0010 announces 16 bytes (32 hex characters) but the data has 30 hex characters", error);
    }

    [Fact]
    public void Odd_data_length_is_explained()
    {
        Assert.False(ErxudpLine.TryParse($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF01720180013", out _, out var error));
        Assert.Equal("DATALEN 000F announces 15 bytes (30 hex characters) but the data has 29 hex characters (an odd count)", error);
    }

    [Theory]
    [InlineData("EVENT 21 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 00", "not an ERXUDP line")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 000F 1081000102880105FF017201800130", "ERXUDP has 8 tokens")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF E1 1 0 0 000F 1081000102880105FF017201800130", "ERXUDP has 12 tokens")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF01720180013Z", "the data is not hex")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 NOPE 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201800130", "SENDER and DEST must be IPv6 addresses")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 00 000F 1081000102880105FF017201800130", "malformed 10-token ERXUDP")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 10810001028801\u00e905FF017201800130", "not printable ASCII")]
    public void Errors_are_explained(string line, string expected)
    {
        Assert.False(ErxudpLine.TryParse(line, out var e, out var error));
        Assert.Null(e);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| \d+ \| ([0-9A-F]{4}) → (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex LengthRow();
}
