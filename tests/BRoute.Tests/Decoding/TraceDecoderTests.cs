using BRoute.Decoding;
using CsCheck;

namespace BRoute.Tests.Decoding;

public sealed class TraceDecoderTests
{
    private const string E7Line =
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274";

    [Fact]
    public void A_valid_line_decodes_and_is_counted()
    {
        var decoder = new TraceDecoder();

        var result = Assert.IsType<TraceLine.Decoded>(decoder.Decode(E7Line, 7));

        Assert.Equal(7, result.LineNumber);
        Assert.Equal("628 W", Assert.Single(result.Frame.Values!).ToDisplayString());
        Assert.Equal((1, 0, 0), (decoder.DecodedCount, decoder.SkippedCount, decoder.FailedCount));
    }

    [Theory]
    [InlineData("# Serial log of the seed client (BP35A1, ASCII-hex ERXUDP). Client echo lines")]
    [InlineData("EVENT 21 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 00")]
    [InlineData("SKSENDTO 1 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 0E1A 1 000E")]
    [InlineData("OK")]
    [InlineData("")]
    [InlineData("21 E1 22 A0 23 B4")]
    public void Lines_that_are_not_frames_are_skipped(string line)
    {
        var decoder = new TraceDecoder();

        Assert.IsType<TraceLine.Skipped>(decoder.Decode(line, 1));
        Assert.Equal(1, decoder.SkippedCount);
    }

    [Fact]
    public void Unit_code_must_be_defined()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TraceDecoder(unitCode: 0x07));
        Assert.Contains("0x07 is not a defined unit code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_date_of_the_latest_fixed_time_reading_dates_the_day_history_slots()
    {
        var decoder = new TraceDecoder(1m, 0x01);
        decoder.Decode("1081000102880105FF017201EA0B07E4030E081E0000015206", 1); // EA 2020-03-14 08:30
        // E2 for day 1 (yesterday): slot 0 of 2020-03-13.
        var e2 = "1081000102880105FF017201E2C20001" + string.Concat(Enumerable.Repeat("00000001", 48));

        var result = Assert.IsType<TraceLine.Decoded>(decoder.Decode(e2, 2));

        Assert.Contains("\"timestamp\":\"2020-03-13T00:00:00\"", result.Frame.Values![0].ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_and_mutated_lines_never_throw()
    {
        var mutated = Gen.Int[0, E7Line.Length - 1].SelectMany(i => Gen.Char.Select(c => (i, c)))
            .Array[1, 6]
            .Select(edits =>
            {
                var chars = E7Line.ToCharArray();
                foreach (var (i, c) in edits)
                {
                    chars[i] = c;
                }

                return new string(chars);
            });
        var truncated = Gen.Int[0, E7Line.Length].Select(n => E7Line[..n]);
        var hex = Gen.Char["0123456789ABCDEF "].Array[0, 80].Select(c => new string(c));
        var any = Gen.String;

        Gen.OneOf(mutated, truncated, hex, any).Sample(line =>
        {
            var decoder = new TraceDecoder();
            var result = decoder.Decode(line, 1);
            Assert.Equal(1, decoder.DecodedCount + decoder.SkippedCount + (result is TraceLine.Failed ? 1 : 0));
            if (result is TraceLine.Failed failed)
            {
                Assert.False(string.IsNullOrWhiteSpace(failed.Problem));
            }
        });
    }
}
