using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Tests.Frames;

/// <summary>Bad frames give one precise <see cref="EchonetFormatException"/>, never another exception.</summary>
public class FrameCodecMalformedTests
{
    public static TheoryData<string> ValidFrames() =>
    [
        SeedVectors.Power,
        SeedVectors.QiitaInf.Replace(" ", string.Empty, StringComparison.Ordinal),
        SeedVectors.HistoryNormal,
        SeedVectors.InstanceListInf,
        "1081000705FF010288016E01E5010101E200",
        "1081000702880105FF017E01E50001E70400000274",
    ];

    [Theory]
    [MemberData(nameof(ValidFrames))]
    public void Every_truncation_gives_a_precise_error(string hex)
    {
        var full = Hex.Bytes(hex);
        for (var length = 0; length < full.Length; length++)
        {
            var ok = FrameCodec.TryDecode(full.AsMemory(0, length), out var frame, out var error);

            Assert.False(ok, $"a {length}-byte prefix decoded");
            Assert.Null(frame);
            Assert.NotNull(error);
            Assert.InRange(error.Offset, 0, length);
            Assert.Matches(@"shorter than the 12-byte header|ends before the OPC|ends inside property block|PDC of EPC 0x[0-9A-F]{2} .* but only \d+ byte\(s\) remain", error.Problem);
            Assert.EndsWith($"(at byte {error.Offset})", error.Message, StringComparison.Ordinal);
            var thrown = Assert.Throws<EchonetFormatException>(() => FrameCodec.Decode(full.AsMemory(0, length)));
            Assert.Equal(error.Message, thrown.Message);
        }
    }

    [Fact]
    public void Short_header_names_the_length()
    {
        var error = Fail("1081000102880105FF01");

        Assert.Equal("frame is 10 byte(s), shorter than the 12-byte header", error.Problem);
        Assert.Equal(10, error.Offset);
    }

    [Fact]
    public void PDC_past_the_end_names_the_EPC_and_the_PDC_offset()
    {
        var error = Fail("1081000102880105FF017201E704000002");

        Assert.Equal("PDC of EPC 0xE7 (block 1 of 1) is 4 but only 3 byte(s) remain", error.Problem);
        Assert.Equal(13, error.Offset);
    }

    [Fact]
    public void Missing_EPC_of_second_block_is_reported()
    {
        var error = Fail("1081000102880105FF017202E70400000274");

        Assert.Equal("frame ends inside property block 2 of 2 (EPC/PDC missing)", error.Problem);
        Assert.Equal(18, error.Offset);
    }

    [Fact]
    public void Trailing_bytes_are_counted()
    {
        var error = Fail(SeedVectors.Power + "0000");

        Assert.Equal("2 trailing byte(s) after the last property block", error.Problem);
        Assert.Equal(18, error.Offset);
    }

    [Theory]
    [InlineData("00", "EHD1 is 0x00, expected 0x10 (ECHONET Lite)")]
    [InlineData("81", "EHD1 is 0x81: legacy ECHONET, not ECHONET Lite (0x10)")]
    public void Bad_EHD1_is_reported_at_byte_0(string ehd1, string problem)
    {
        var error = Fail(ehd1 + SeedVectors.Power[2..]);

        Assert.Equal(problem, error.Problem);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData("82", "EHD2 is 0x82 (arbitrary message format), which is not supported")]
    [InlineData("80", "EHD2 is 0x80, expected 0x81 (specified message format)")]
    public void Bad_EHD2_is_reported_at_byte_1(string ehd2, string problem)
    {
        var error = Fail("10" + ehd2 + SeedVectors.Power[4..]);

        Assert.Equal(problem, error.Problem);
        Assert.Equal(1, error.Offset);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x54)]
    [InlineData(0x64)]
    [InlineData(0x70)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void Undefined_ESV_is_reported_at_byte_10(byte esv)
    {
        var bytes = Hex.Bytes(SeedVectors.Power);
        bytes[10] = esv;

        var ok = FrameCodec.TryDecode(bytes, out _, out var error);

        Assert.False(ok);
        Assert.Equal($"ESV 0x{esv:X2} is not a defined service code", error!.Problem);
        Assert.Equal(10, error.Offset);
    }

    [Fact]
    public void SetGet_without_the_Get_OPC_names_the_half()
    {
        var error = Fail("1081000705FF010288016E01E50101");

        Assert.Equal("frame ends before the OPC byte of the Get half", error.Problem);
        Assert.Equal(15, error.Offset);
    }

    [Fact]
    public void SetGet_block_errors_name_the_half()
    {
        var error = Fail("1081000705FF010288016E01E50101" + "01E205");

        Assert.Equal("PDC of EPC 0xE2 (block 1 of 1 of the Get half) is 5 but only 0 byte(s) remain", error.Problem);
    }

    [Fact]
    public void Encoding_a_Get_half_outside_the_SetGet_family_is_refused()
    {
        var frame = new EchonetFrame(1, Eoj.Controller, Eoj.SmartMeter, Esv.Get, [new EchonetProperty(0xE7)], [new EchonetProperty(0xE8)]);

        var ex = Assert.Throws<ArgumentException>(() => FrameCodec.Encode(frame));
        Assert.Contains("only the SetGet family has a Get half", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_more_than_255_blocks_or_a_long_EDT_or_an_undefined_ESV_is_refused()
    {
        var many = Enumerable.Range(0, 256).Select(i => new EchonetProperty((byte)i)).ToArray();
        var longEdt = new EchonetProperty(0xE7, new byte[256]);

        Assert.Contains("at most 255 property blocks", Assert.Throws<ArgumentException>(() =>
            FrameCodec.Encode(new EchonetFrame(1, Eoj.Controller, Eoj.SmartMeter, Esv.Get, many))).Message, StringComparison.Ordinal);
        Assert.Contains("PDC is at most 255", Assert.Throws<ArgumentException>(() =>
            FrameCodec.Encode(new EchonetFrame(1, Eoj.Controller, Eoj.SmartMeter, Esv.SetC, [longEdt]))).Message, StringComparison.Ordinal);
        Assert.Contains("not a defined service code", Assert.Throws<ArgumentException>(() =>
            FrameCodec.Encode(new EchonetFrame(1, Eoj.Controller, Eoj.SmartMeter, (Esv)0x70, []))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_encode_to_a_writer_writes_nothing()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var frame = new EchonetFrame(1, Eoj.Controller, Eoj.SmartMeter, Esv.SetC, [new EchonetProperty(0x80, new byte[] { 0x30 }), new EchonetProperty(0xE7, new byte[300])]);

        Assert.Throws<ArgumentException>(() => FrameCodec.Encode(frame, writer));
        Assert.Equal(0, writer.WrittenCount);
    }

    private static EchonetFormatException Fail(string hex)
    {
        var ok = FrameCodec.TryDecode(Hex.Bytes(hex), out var frame, out var error);
        Assert.False(ok);
        Assert.Null(frame);
        return error!;
    }
}
