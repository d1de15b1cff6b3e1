using System.Buffers;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Parsing;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

/// <summary>
/// Every cap of the reader exactly at, one below and one above its limit, in both ERXUDP data modes and for
/// terminated and unterminated lines (issue 13: a '&gt;' → '&gt;=' slip at the payload cap went unseen).
/// </summary>
public class CapBoundaryTests
{
    private const int PayloadCap = 64;
    private const int LineCap = 256;
    private static readonly SkReaderOptions Caps = new() { MaxLineLength = LineCap, MaxPayloadLength = PayloadCap };

    private static string Header(int length) => $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 {length:X4} ";

    private static byte[] Payload(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 7 == 3 ? '\r' : i % 7 == 4 ? '\n' : i)).ToArray();

    [Theory]
    [InlineData(PayloadCap - 1, false)]
    [InlineData(PayloadCap, false)]
    [InlineData(PayloadCap - 1, true)]
    [InlineData(PayloadCap, true)]
    public void Erxudp_data_up_to_and_exactly_at_the_cap_is_read(int length, bool binary)
    {
        var payload = Payload(length);
        var data = Wire.Concat(Wire.Bytes(Header(length)), binary ? payload : Wire.Bytes(Convert.ToHexString(payload)), Wire.Bytes("\r\nOK\r\n"));
        foreach (var chunk in new[] { 1, 7, data.Length })
        {
            var items = Parse.Run(ScriptedPipeReader.InChunksOf(data, chunk), Caps);
            var erxudp = Assert.IsType<Erxudp>(items[0]);
            Assert.Equal(payload, erxudp.Data.ToArray());
            Assert.Equal(binary ? ErxudpDataMode.Binary : ErxudpDataMode.AsciiHex, erxudp.DataMode);
            Assert.Equal(SkOk.Plain, items[1]);
            Assert.Equal(2, items.Count);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Erxudp_data_one_byte_over_the_cap_is_garbled_and_the_next_line_survives(bool binary)
    {
        var payload = Payload(PayloadCap + 1);
        var data = Wire.Concat(Wire.Bytes(Header(PayloadCap + 1)), binary ? payload.Select(b => b is 13 or 10 ? (byte)'x' : b).ToArray() : Wire.Bytes(Convert.ToHexString(payload)), Wire.Bytes("\r\nOK\r\n"));
        var items = Parse.All(data, options: Caps);
        Assert.Equal(SkLineError.PayloadTooLarge, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void The_grammar_takes_datalen_equal_to_its_cap_and_refuses_one_more()
    {
        foreach (var (length, expected) in new[] { (PayloadCap, OperationStatus.Done), (PayloadCap + 1, OperationStatus.InvalidData) })
        {
            var bytes = Wire.Bytes(Header(length) + new string('A', 2 * length) + "\r\n");
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            var status = ErxudpParser.TryParse(ref reader, ErxudpDataMode.AsciiHex, PayloadCap, null, out var erxudp, out var error, out _);
            Assert.Equal(expected, status);
            Assert.Equal(expected == OperationStatus.Done ? SkLineError.None : SkLineError.PayloadTooLarge, error);
            Assert.Equal(expected == OperationStatus.Done ? length : (int?)null, erxudp?.Data.Length);
        }
    }

    [Theory]
    [InlineData(LineCap - 1)]
    [InlineData(LineCap)]
    public void A_line_up_to_and_exactly_at_the_line_cap_is_an_item(int length)
    {
        var text = "EVER " + new string('1', length - 5);
        foreach (var chunk in new[] { 1, 13, 1000 })
        {
            var items = Parse.All(text + "\r\nOK\r\n", chunk, Caps);
            Assert.Equal(new SkVersionLine(text[5..]), items[0]);
            Assert.Equal(SkOk.Plain, items[1]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(1000)]
    public void A_line_one_byte_over_the_line_cap_is_dropped_whether_its_end_has_arrived_or_not(int chunk)
    {
        var text = "EVER " + new string('1', LineCap + 1 - 5);
        var items = Parse.All(text + "\r\nOK\r\n", chunk, Caps);
        var garbled = Assert.IsType<SkGarbledLine>(items[0]);
        Assert.Equal(SkLineError.LineTooLong, garbled.Error);
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void An_unterminated_line_exactly_at_the_cap_is_still_awaited_and_one_more_byte_drops_it()
    {
        var pipe = ScriptedPipeReader.SplitAt(Wire.Bytes(new string('Z', LineCap) + "\r\nOK\r\n"), LineCap);
        var items = Parse.Run(pipe, Caps, out var reader);
        Assert.False(items[0] is SkGarbledLine { Error: SkLineError.LineTooLong }, $"{items[0]}");
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(0, reader.Statistics.OverlongLines);

        var longer = ScriptedPipeReader.SplitAt(Wire.Bytes(new string('Z', LineCap + 1) + "\r\nOK\r\n"), LineCap + 1);
        var dropped = Parse.Run(longer, Caps, out var second);
        Assert.Equal(SkLineError.LineTooLong, Assert.IsType<SkGarbledLine>(dropped[0]).Error);
        Assert.Equal(1, second.Statistics.OverlongLines);
        Assert.Equal(SkOk.Plain, dropped[1]);
    }

    [Theory]
    [InlineData(0, SkLineError.BadAddress)]
    [InlineData(1, SkLineError.LineTooLong)]
    public void A_bad_erxudp_line_is_awaited_up_to_line_plus_payload_cap_then_dropped(int over, SkLineError expected)
    {
        // A malformed ERXUDP is resynchronised at its line end, which may be up to a line cap plus an ASCII payload away.
        var head = Wire.Bytes("ERXUDP NOT-AN-ADDRESS ");
        var cap = LineCap + (2 * PayloadCap);
        var data = Wire.Concat(head, Enumerable.Repeat((byte)'A', cap - head.Length + over).ToArray(), Wire.Bytes("\r\nOK\r\n"));
        var items = Parse.Run(ScriptedPipeReader.SplitAt(data, cap + over), Caps);
        Assert.Equal(expected, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void A_pasted_line_takes_datalen_FFFF()
    {
        var payload = Enumerable.Range(0, 0xFFFF).Select(i => (byte)i).ToArray();
        var line = $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 FFFF {Convert.ToHexString(payload)}";
        Assert.True(ErxudpLine.TryParse(line, out var erxudp, out var error), error);
        Assert.Equal(payload, erxudp!.Data.ToArray());
    }
}
