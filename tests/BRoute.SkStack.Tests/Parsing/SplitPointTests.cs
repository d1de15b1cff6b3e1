using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

/// <summary>
/// A stream holding every awkward form (binary ERXUDP with CR/LF/spaces, CR-only replies, blocks with optional fields,
/// glue, tables, garbage) gives the same items whole, split in two at every byte, and one byte at a time.
/// </summary>
public class SplitPointTests
{
    private static readonly byte[] Payload = Wire.Concat([0x10, 0x81, 0x0D, 0x0A, 0x20, 0x0D], Wire.Bytes("OK\r\n"), [0x0A, 0x00, 0xFF, 0x0D]);

    private static readonly byte[] Stream = Wire.Concat(
        Wire.Bytes("SKVER\r\nEVER 1.2.10\r\nOK\r\nROPT\rOK 00\rSKINFO\r\n"),
        Wire.Bytes("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 8888 FFFE\r\nOK\r\n"),
        Wire.Bytes($"EVENT 20 {Wire.OwnText}\r\nEPANDESC\r\n  Channel:21\r\n  Channel Page:09\r\n  Pan ID:8888\r\n  Addr:12345678ABCDEF01\r\n  LQI:E1\r\n"),
        Wire.Bytes($"EVENT 22 {Wire.OwnText}\r\nEPANDESC\r\n  Channel:31\r\n  Channel Page:09\r\n  Pan ID:9E08\r\n  Addr:C0F9450040580B5F\r\n  LQI:6B\r\n  Side:0\r\n  PairID:0123ABCD\r\n"),
        Wire.Bytes("FE80:0000:0000:0000:021D:1290:1234:5678\r\n"),
        Wire.Bytes($"\r\nEVENT 21 {Wire.MeterText} 0 02\r\n"),
        Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0 {Payload.Length:X4} "), Payload, Wire.Bytes("\r\n"),
        Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 4A 1 0 000F 1081000102880105FF017201800130\r\n"),
        Wire.Bytes($"SKSENDTOERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0003 "), [0x0D, 0x0A, 0x20], Wire.Bytes("\r\n"),
        Wire.Bytes("FAIL ER04\r\nENEIGHBOR\r\n" + Wire.MeterText + " 00FFEEDDCCBBAA99 FFFF\r\nOK\r\n"),
        Wire.Bytes("EEDSCAN\r\n21 E1 22 0F 23 10\r\n\r\n"),
        [0x00, 0xFF, 0x41, 0x0A],
        Wire.Bytes("EVENT C0\r\nOK 01\r"));

    [Fact]
    public void The_stream_parses_into_the_expected_kinds()
    {
        var kinds = Parse.All(Stream).Select(i => i.GetType().Name).ToList();
        Assert.Equal(
            [
                "SkEchoLine", "SkVersionLine", "SkOk", "SkEchoLine", "SkOk", "SkEchoLine", "SkInfo", "SkOk",
                "SkEvent", "SkPanDescription", "SkEvent", "SkPanDescription", "SkAddressLine", "SkBlankLine", "SkEvent",
                "Erxudp", "Erxudp", "SkEchoLine", "Erxudp", "SkFail", "SkTableHeader", "SkNeighborEntry", "SkOk",
                "SkEnergyScan", "SkBlankLine", "SkGarbledLine", "SkEvent", "SkOk",
            ],
            kinds);
        Assert.Equal(Payload, Parse.All(Stream).OfType<Erxudp>().First().Data.ToArray());
    }

    [Fact]
    public void Split_in_two_at_every_byte()
    {
        var whole = SeedTraceTests.Render(Parse.All(Stream));
        for (var cut = 1; cut < Stream.Length; cut++)
        {
            var split = SeedTraceTests.Render(Parse.Run(ScriptedPipeReader.SplitAt(Stream, cut)));
            Assert.True(whole.SequenceEqual(split), $"different items when split at byte {cut}:\n{string.Join('\n', split)}");
        }
    }

    [Fact]
    public void One_byte_at_a_time() =>
        Assert.Equal(SeedTraceTests.Render(Parse.All(Stream)), SeedTraceTests.Render(Parse.All(Stream, chunkSize: 1)));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Fixed_chunk_sizes(int size) =>
        Assert.Equal(SeedTraceTests.Render(Parse.All(Stream)), SeedTraceTests.Render(Parse.All(Stream, chunkSize: size)));

    [Fact]
    public void Three_way_splits_around_the_binary_payload()
    {
        var start = Array.IndexOf(Stream, (byte)0x81) - 1; // first payload byte (0x10 0x81)
        var whole = SeedTraceTests.Render(Parse.All(Stream));
        for (var a = start - 20; a < start + Payload.Length + 4; a++)
        {
            for (var b = a + 1; b < start + Payload.Length + 6; b++)
            {
                Assert.Equal(whole, SeedTraceTests.Render(Parse.Run(ScriptedPipeReader.SplitAt(Stream, a, b))));
            }
        }
    }
}
