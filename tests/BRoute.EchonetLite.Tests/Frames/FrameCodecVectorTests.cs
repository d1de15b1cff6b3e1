using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Tests.Frames;

/// <summary>Frames of seed-trace-decoded.md §6 and echonet-lite.md §10, byte for byte.</summary>
public class FrameCodecVectorTests
{
    [Theory]
    [MemberData(nameof(SeedVectors.GetResponses), MemberType = typeof(SeedVectors))]
    public void Seed_trace_Get_Res_decodes_to_header_and_one_block(string hex, byte epc, string edt)
    {
        var bytes = Hex.Bytes(hex);

        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);

        Assert.Equal(0x0001, frame.Tid);
        Assert.Equal(Eoj.SmartMeter, frame.Seoj);
        Assert.Equal(Eoj.Controller, frame.Deoj);
        Assert.Equal(Esv.GetRes, frame.Esv);
        var p = Assert.Single(frame.Properties);
        Assert.Equal(epc, p.Epc);
        Assert.Equal(edt, Hex.Of(p.Edt.Span));
        Assert.Empty(frame.GetProperties);
        Assert.Equal(bytes, FrameCodec.Encode(frame));
    }

    [Fact]
    public void Seed_trace_instance_list_INF_decodes()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.InstanceListInf));

        Assert.Equal(0x0000, frame.Tid);
        Assert.Equal(Eoj.NodeProfile, frame.Seoj);
        Assert.Equal(Eoj.NodeProfile, frame.Deoj);
        Assert.Equal(Esv.Inf, frame.Esv);
        Assert.True(frame.Esv.IsNotification());
        var p = Assert.Single(frame.Properties);
        Assert.Equal(0xD5, p.Epc);
        Assert.Equal("01028801", Hex.Of(p.Edt.Span));
    }

    [Fact]
    public void Get_E7_request_encodes_to_the_14_reference_bytes()
    {
        var frame = EchonetFrame.Get(0x0001, Eoj.Controller, Eoj.SmartMeter, 0xE7);

        var bytes = FrameCodec.Encode(frame);

        Assert.Equal(Hex.Bytes(SeedVectors.GetPowerRequest), bytes);
        Assert.Equal(14, bytes.Length);
        Assert.Equal("1081000105FF010288016201E700", Hex.Of(bytes));
    }

    [Fact]
    public void Multi_Get_EA_EB_encodes_as_in_the_reference()
    {
        var frame = EchonetFrame.Get(0x1234, Eoj.Controller, Eoj.SmartMeter, 0xEA, 0xEB);

        Assert.Equal(Hex.Bytes("1081 1234 05FF01 028801 62 02 EA 00 EB 00"), FrameCodec.Encode(frame));
    }

    [Fact]
    public void Qiita_INF_of_EA_and_EB_decodes_both_blocks()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.QiitaInf));

        Assert.Equal(Esv.Inf, frame.Esv);
        Assert.Equal(Eoj.SmartMeter, frame.Seoj);
        Assert.Equal(2, frame.Properties.Count);
        Assert.Equal(0xEA, frame.Properties[0].Epc);
        Assert.Equal("07E70C13001E000000458E", Hex.Of(frame.Properties[0].Edt.Span));
        Assert.Equal(0xEB, frame.Properties[1].Epc);
        Assert.Equal("07E70C13001E0000000015", Hex.Of(frame.Properties[1].Edt.Span));
    }

    [Fact]
    public void INFC_Res_echoes_TID_and_EPCs_with_PDC_0_and_swaps_objects()
    {
        var infc = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes("1081 4A5B 028801 05FF01 74 01 EA 0B 07E70C13001E000000458E"));

        var ack = EchonetFrame.CreateInfcResponse(infc);

        Assert.Equal(Hex.Bytes("1081 4A5B 05FF01 028801 7A 01 EA 00"), FrameCodec.Encode(ack));
    }

    [Fact]
    public void INFC_Res_builder_refuses_anything_but_INFC()
    {
        var inf = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.QiitaInf));

        var ex = Assert.Throws<ArgumentException>(() => EchonetFrame.CreateInfcResponse(inf));
        Assert.Contains("INFC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Res_E7_of_the_reference_is_18_bytes_and_owned_by_the_meter()
    {
        var bytes = Hex.Bytes("1081 0001 028801 05FF01 72 01 E7 04 00000274");

        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);

        Assert.Equal(18, bytes.Length);
        Assert.Equal(Eoj.SmartMeter, frame.PropertyOwner);
        Assert.True(frame.TryGetProperty(0xE7, out var p));
        Assert.Equal("00000274", Hex.Of(p.Edt.Span));
        Assert.False(frame.TryGetProperty(0xE8, out _));
    }

    [Fact]
    public void Request_is_owned_by_its_destination()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.GetPowerRequest));

        Assert.Equal(Eoj.SmartMeter, frame.PropertyOwner);
        Assert.Equal(Eoj.Controller, frame.Seoj);
    }

    [Theory]
    [InlineData(0x6E, "1081 0007 05FF01 028801 6E 01 E5 01 01 01 E2 00")]
    [InlineData(0x7E, "1081 0007 028801 05FF01 7E 01 E5 00 01 E7 04 00000274")]
    [InlineData(0x5E, "1081 0007 028801 05FF01 5E 00 01 E7 00")]
    public void SetGet_family_has_a_Set_half_and_a_Get_half(byte esv, string hex)
    {
        var bytes = Hex.Bytes(hex);

        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);

        Assert.Equal((Esv)esv, frame.Esv);
        Assert.True(frame.Esv.IsSetGet());
        var get = Assert.Single(frame.GetProperties);
        Assert.True(get.Epc is 0xE2 or 0xE7);
        Assert.Equal(esv == 0x5E ? 0 : 1, frame.Properties.Count);
        Assert.Equal(bytes, FrameCodec.Encode(frame));
        Assert.True(frame.TryGetProperty(get.Epc, out var found));
        Assert.Equal(get, found);
    }

    [Fact]
    public void SetGet_request_halves_keep_their_order_and_data()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes("1081 0007 05FF01 028801 6E 01 E5 01 01 01 E2 00"));

        Assert.Equal(new EchonetProperty(0xE5, new byte[] { 0x01 }), Assert.Single(frame.Properties));
        Assert.Equal(new EchonetProperty(0xE2), Assert.Single(frame.GetProperties));
        Assert.Equal("TID 0007 05FF01->028801 SetGet OPC 1+1", frame.ToString());
    }

    [Fact]
    public void Decoding_a_span_copies_so_the_buffer_can_be_reused()
    {
        var buffer = Hex.Bytes(SeedVectors.Power);

        var frame = FrameCodec.Decode((ReadOnlySpan<byte>)buffer);
        buffer.AsSpan().Fill(0);

        Assert.Equal("00000274", Hex.Of(frame.Properties[0].Edt.Span));
    }

    [Fact]
    public void Encode_to_a_buffer_writer_writes_the_same_bytes()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.QiitaInf));
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        var n = FrameCodec.Encode(frame, writer);

        Assert.Equal(Hex.Bytes(SeedVectors.QiitaInf), writer.WrittenSpan.ToArray());
        Assert.Equal(n, writer.WrittenCount);
        Assert.Equal(n, FrameCodec.GetEncodedLength(frame));
    }

    [Fact]
    public void Response_builder_copies_TID_and_swaps_objects()
    {
        var request = EchonetFrame.Get(0xBEEF, Eoj.Controller, Eoj.SmartMeter, 0xE7);

        var response = EchonetFrame.CreateResponse(request, Esv.GetRes, [new EchonetProperty(0xE7, new byte[] { 0, 0, 2, 0x74 })]);

        Assert.Equal(Hex.Bytes("1081 BEEF 028801 05FF01 72 01 E7 04 00000274"), FrameCodec.Encode(response));
    }

    [Fact]
    public void Response_to_an_all_instances_DEOJ_comes_from_the_named_instance()
    {
        var request = EchonetFrame.Get(0x0042, Eoj.Controller, new Eoj(0x02, 0x88, 0x00), 0xE7);

        var response = EchonetFrame.CreateResponse(request, Esv.GetRes, [new EchonetProperty(0xE7, new byte[] { 0, 0, 2, 0x74 })], responder: Eoj.SmartMeter);

        Assert.Equal(Hex.Bytes("1081 0042 028801 05FF01 72 01 E7 04 00000274"), FrameCodec.Encode(response));
    }

    [Fact]
    public void Response_builder_refuses_to_answer_from_instance_0()
    {
        var request = EchonetFrame.Get(0x0042, Eoj.Controller, new Eoj(0x02, 0x88, 0x00), 0xE7);

        var ex = Assert.Throws<ArgumentException>(() => EchonetFrame.CreateResponse(request, Esv.GetRes, []));
        Assert.Contains("028800", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void INFC_Res_to_an_all_instances_DEOJ_is_sent_by_the_named_controller()
    {
        var infc = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes("1081 4A5B 028801 05FF00 74 01 EA 0B 07E70C13001E000000458E"));

        Assert.Throws<ArgumentException>(() => EchonetFrame.CreateInfcResponse(infc));
        var ack = EchonetFrame.CreateInfcResponse(infc, Eoj.Controller);

        Assert.Equal(Hex.Bytes("1081 4A5B 05FF01 028801 7A 01 EA 00"), FrameCodec.Encode(ack));
    }
}
