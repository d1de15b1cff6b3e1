using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class BlockTests
{
    private const string A1Fields = "EPANDESC\r\n  Channel:21\r\n  Channel Page:09\r\n  Pan ID:8888\r\n  Addr:12345678ABCDEF01\r\n  LQI:E1\r\n";

    [Fact]
    public void Epandesc_A1_with_pair_id()
    {
        var items = Parse.All(A1Fields + "  PairID:AABBCCDD\r\nEVENT 22 " + Wire.OwnText + "\r\n");
        Assert.Equal(new SkPanDescription(0x21, 0x09, 0x8888, 0x12345678ABCDEF01, 0xE1, null, "AABBCCDD"), items[0]);
        Assert.IsType<SkEvent>(items[1]);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void Epandesc_A1_without_pair_id_ends_at_the_next_line()
    {
        var items = Parse.All(A1Fields + "EVENT 22 " + Wire.OwnText + "\r\n");
        Assert.Equal(new SkPanDescription(0x21, 0x09, 0x8888, 0x12345678ABCDEF01, 0xE1, null, null), items[0]);
        Assert.IsType<SkEvent>(items[1]);
    }

    [Fact]
    public void Epandesc_at_the_end_of_the_stream_completes()
    {
        Assert.Equal(new SkPanDescription(0x21, 0x09, 0x8888, 0x12345678ABCDEF01, 0xE1, null, null), Parse.Single(A1Fields));
    }

    [Fact]
    public void Epandesc_C2_with_side_and_pair_id()
    {
        // Qiita capture order: Side:0 before PairID.
        var description = Assert.IsType<SkPanDescription>(Parse.Single(
            "EPANDESC\r\n  Channel:31\r\n  Channel Page:09\r\n  Pan ID:9E08\r\n  Addr:C0F9450040580B5F\r\n  LQI:6B\r\n  Side:0\r\n  PairID:0123ABCD\r\n"));
        Assert.Equal(new SkPanDescription(0x31, 0x09, 0x9E08, 0xC0F9450040580B5F, 0x6B, 0, "0123ABCD"), description);
        Assert.Equal((0.275 * 0x6B) - 104.27, description.Rssi, 6);
    }

    [Fact]
    public void Epandesc_C2_with_side_only()
    {
        var items = Parse.All(A1Fields + "  Side:1\r\nOK\r\n");
        Assert.Equal(new SkPanDescription(0x21, 0x09, 0x8888, 0x12345678ABCDEF01, 0xE1, 1, null), items[0]);
        Assert.Equal(SkOk.Plain, items[1]);
    }

    [Fact]
    public void Two_descriptions_in_a_row()
    {
        var items = Parse.All($"EVENT 20 {Wire.OwnText}\r\n{A1Fields}  PairID:AABBCCDD\r\nEVENT 20 {Wire.OwnText}\r\n{A1Fields}  PairID:11223344\r\nEVENT 22 {Wire.OwnText}\r\n");
        Assert.Equal(["AABBCCDD", "11223344"], items.OfType<SkPanDescription>().Select(d => d.PairId));
        Assert.Equal(5, items.Count);
    }

    [Fact]
    public void Malformed_field_reports_the_header_and_resynchronises()
    {
        var items = Parse.All("EPANDESC\r\n  Channel:ZZ\r\nOK\r\n");
        Assert.Equal(SkLineError.MalformedBlock, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkLineError.UnknownLine, Assert.IsType<SkGarbledLine>(items[1]).Error);
        Assert.Equal(SkOk.Plain, items[2]);
    }

    [Fact]
    public void Eedscan_with_28_channels_and_the_A1_blank_line()
    {
        var pairs = string.Join(' ', Enumerable.Range(0x21, 28).Select(ch => $"{ch:X2} {(ch * 3) & 0xFF:X2}"));
        var items = Parse.All($"EVENT 1F {Wire.OwnText}\r\nEEDSCAN\r\n{pairs}\r\n\r\n");
        var scan = Assert.IsType<SkEnergyScan>(items[1]);
        Assert.Equal(28, scan.Channels.Count);
        Assert.Equal(new SkChannelLqi(0x21, 0x63), scan.Channels[0]);
        Assert.Equal(new SkChannelLqi(0x3C, 0xB4), scan.Channels[27]);
        Assert.Equal(SkBlankLine.Instance, items[2]);
    }

    [Fact]
    public void Eedscan_with_an_odd_token_count_is_garbled()
    {
        var items = Parse.All("EEDSCAN\r\n21 E1 22\r\n");
        Assert.Equal(SkLineError.MalformedBlock, Assert.IsType<SkGarbledLine>(items[0]).Error);
    }
}
