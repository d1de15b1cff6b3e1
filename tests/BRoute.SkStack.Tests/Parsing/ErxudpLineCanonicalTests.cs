using System.Text;
using BRoute.SkStack.Parsing;

namespace BRoute.SkStack.Tests.Parsing;

/// <summary>
/// <see cref="ErxudpLine.TryParseCanonical"/>, the byte fast path of <c>broute decode</c>: true only for the dongle's own
/// form, then with what <see cref="ErxudpLine.TryParse(string, out BRoute.SkStack.Items.Erxudp?, out string?)"/> gives;
/// false (no reason) for anything else, which the character form then explains.
/// </summary>
public sealed class ErxudpLineCanonicalTests
{
    private const string Meter = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";
    private const string Line = $"ERXUDP {Meter} FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274";

    [Theory]
    [InlineData(Line)]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF C8 1 0 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP fe80:0000:0000:0000:02ff:eedd:ccbb:aa99 FE80::2FF:EEDD:CCBB:AA88 0e1a 0E1A 00808700301224ef 1 0012 1081000102880105ff017201e70400000274")]
    public void The_dongles_own_form_parses_as_the_text_form_parses_it(string line)
    {
        Assert.True(ErxudpLine.TryParse(line, out var expected, out _));

        Assert.True(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(line), new SkAddressCache(), out var actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(" " + Line)]
    [InlineData(Line + " ")]
    [InlineData(Line + "\r")]
    [InlineData("ERXUDP  FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP\tFE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0013 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 1 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF C8 1 0 0 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E7040000027G")]
    [InlineData("SKSENDTOERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274")]
    [InlineData("ERXUDP ")]
    public void Anything_else_is_left_to_the_text_form(string line)
    {
        Assert.False(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(line), new SkAddressCache(), out var erxudp));
        Assert.Null(erxudp);
    }

    [Fact]
    public void A_repeated_address_is_the_cached_instance_whatever_its_spelling()
    {
        var cache = new SkAddressCache();
        var lower = Line.Replace(Meter, Meter.ToLowerInvariant(), StringComparison.Ordinal);

        Assert.True(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(Line), cache, out var first));
        Assert.True(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(Line), cache, out var second));
        Assert.True(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(lower), cache, out var third));
        Assert.True(ErxudpLine.TryParseCanonical(Encoding.ASCII.GetBytes(Line), cache, out var fourth));

        Assert.Same(first!.Sender, second!.Sender);
        Assert.Same(first.Sender, third!.Sender);
        Assert.Same(first.Sender, fourth!.Sender);
        Assert.Equal(System.Net.IPAddress.Parse(Meter), fourth.Sender);
    }
}
