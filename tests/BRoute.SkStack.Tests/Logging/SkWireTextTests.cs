using BRoute.SkStack.Logging;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Logging;

public class SkWireTextTests
{
    private const string Id = "ID00112233445566778899AABBCCDDEE";

    [Fact]
    public void A_secret_cut_by_the_preview_cap_is_masked_up_to_the_cut_and_the_rest_is_counted()
    {
        // 140 + "SKSETRBID " (10) = 150: the cap of 160 characters falls 10 characters into the ID.
        var line = Wire.Bytes(new string('x', 140) + "SKSETRBID " + Id);
        var preview = SkWireText.Format(line);
        Assert.Equal(new string('x', 140) + "SKSETRBID " + new string('*', 10) + "…(+22 bytes)", preview);
        Assert.DoesNotContain(Id[..10], preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_count_towards_the_cap_and_the_note_counts_the_bytes_not_shown()
    {
        var preview = SkWireText.Format(Wire.Bytes("OK\r\n\u0001tail"), maxChars: 6);
        Assert.Equal("OK\\r\\n…(+5 bytes)", preview);
    }

    [Fact]
    public void The_pairing_id_of_an_epandesc_line_is_masked_in_traces()
    {
        // skstack.md §6 EPANDESC, BP35A1 layout line 6 (the smdn/Zig fixture's value).
        var trace = SkWireText.Format(Wire.Bytes("  PairID:AABBCCDD\r\n"));
        Assert.Equal("  PairID:********\\r\\n", trace);

        // In a whole block as the reader may log it, with the other fields untouched.
        var block = SkWireText.Format(Wire.Bytes("EPANDESC\r\n  Channel:21\r\n  Pan ID:8888\r\n  Addr:001C640000A1B2C3\r\n  LQI:B4\r\n  PairID:EEDDCCBB\r\n"), 4096);
        Assert.DoesNotContain("EEDDCCBB", block, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Addr:001C640000A1B2C3", block, StringComparison.Ordinal);
        Assert.Contains("PairID:********", block, StringComparison.Ordinal);
    }
}
