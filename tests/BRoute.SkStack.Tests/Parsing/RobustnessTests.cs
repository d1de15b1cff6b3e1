using BRoute.SkStack.Items;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class RobustnessTests
{
    private static readonly SkReaderOptions SmallCaps = new() { MaxLineLength = 256, MaxPayloadLength = 64 };

    [Fact]
    public void Overlong_line_without_end_is_dropped_counted_and_not_buffered()
    {
        var data = Wire.Concat(Wire.Bytes(new string('A', 5000)), Wire.Bytes("\r\nOK\r\n"));
        var pipe = ScriptedPipeReader.InChunksOf(data, 100);
        var items = Parse.Run(pipe, SmallCaps, out var reader);
        var garbled = Assert.IsType<SkGarbledLine>(items[0]);
        Assert.Equal(SkLineError.LineTooLong, garbled.Error);
        Assert.True(garbled.Preview.Length < 200);
        Assert.Equal(new string('A', 160) + $"…(+{garbled.Length - 160} bytes)", garbled.Preview);
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(2, items.Count);
        Assert.Equal(1, reader.Statistics.OverlongLines);
        Assert.Equal(1, reader.Statistics.GarbledLines);
        Assert.True(pipe.MaxShown <= 256 + 100 + 1, $"buffered {pipe.MaxShown} bytes");
    }

    [Fact]
    public void Overlong_line_with_its_end_present_is_dropped_in_one_go()
    {
        var items = Parse.All(new string('B', 300) + "\r\nOK\r\n", options: SmallCaps);
        Assert.Equal(SkLineError.LineTooLong, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(300, ((SkGarbledLine)items[0]).Length);
        Assert.Equal(new string('B', 160) + "…(+140 bytes)", ((SkGarbledLine)items[0]).Preview);
        Assert.Equal(SkOk.Plain, items[1]);
    }

    [Fact]
    public void Default_caps_accept_the_537_char_E2_line_and_a_1232_byte_binary_payload()
    {
        var payload = Enumerable.Range(0, 1232).Select(i => (byte)(i % 251)).ToArray();
        var data = Wire.Concat(Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 04D0 "), payload, Wire.Bytes("\r\n"));
        Assert.Equal(payload, Assert.IsType<Erxudp>(Assert.Single(Parse.All(data, chunkSize: 17))).Data.ToArray());
    }

    [Fact]
    public void Truncated_line_at_end_of_stream()
    {
        var items = Parse.All("OK\r\nEVENT 21 FE80:0000");
        Assert.Equal(SkOk.Plain, items[0]);
        var garbled = Assert.IsType<SkGarbledLine>(items[1]);
        Assert.Equal(SkLineError.TruncatedAtEndOfStream, garbled.Error);
        Assert.Equal("EVENT 21 FE80:0000", garbled.Preview);
    }

    [Fact]
    public void Truncated_binary_ERXUDP_at_end_of_stream()
    {
        var items = Parse.All($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0010 \r\n\r\n");
        Assert.Equal(SkLineError.TruncatedAtEndOfStream, Assert.IsType<SkGarbledLine>(Assert.Single(items)).Error);
    }

    [Fact]
    public void Unknown_lines_are_counted_and_the_reader_goes_on()
    {
        var items = Parse.Run(ScriptedPipeReader.InChunksOf(Wire.Bytes("hello\r\nworld\r\nOK\r\n"), 4), null, out var reader);
        Assert.Equal(2, reader.Statistics.GarbledLines);
        Assert.Equal(3, reader.Statistics.Items);
        Assert.Equal(SkOk.Plain, items[2]);
    }

    [Fact]
    public void Garbage_glued_before_an_event_is_split_off()
    {
        var items = Parse.All($"\u0001\u0002xyzEVENT 21 {Wire.MeterText} 00\r\n");
        Assert.Equal(5, Assert.IsType<SkGarbledLine>(items[0]).Length);
        Assert.IsType<SkEvent>(items[1]);
    }

    [Fact]
    public void Binary_noise_never_becomes_a_command_reply()
    {
        byte[] noise = [0xFF, 0xFE, 0x0D, 0x4F, 0x4B, 0x00, 0x0A, 0x80, 0x0D, 0x0A];
        var items = Parse.All(Wire.Concat(noise, Wire.Bytes("OK\r\n")));
        Assert.Single(items.OfType<SkOk>());
        Assert.Equal(SkOk.Plain, items[^1]);
    }

    [Fact]
    public void Secrets_in_garbled_lines_are_masked()
    {
        var items = Parse.All("xxSKSETPWD C 0123456789AB yy\r\n\u0003SKSETRBID 00112233445566778899AABBCCDDEEFF\r\n");
        var text = string.Join('\n', items.Select(i => i.ToString()));
        Assert.DoesNotContain("0123456789AB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("00112233445566778899AABBCCDDEEFF", text, StringComparison.Ordinal);
    }
}
