using BRoute.EchonetLite.Frames;
using CsCheck;

namespace BRoute.EchonetLite.Tests.Frames;

/// <summary>Random frames round-trip; random bytes never throw anything but the documented error.</summary>
public class FrameCodecPropertyTests
{
    private static readonly Esv[] DefinedEsvs = Enum.GetValues<Esv>();

    private static readonly Gen<EchonetProperty> GenProperty =
        Gen.Select(
            Gen.Byte,
            Gen.Frequency((8, Gen.Byte.Array[0, 8]), (2, Gen.Byte.Array[0, 255])),
            (epc, edt) => new EchonetProperty(epc, edt));

    private static readonly Gen<EchonetProperty[]> GenList =
        Gen.Frequency((8, GenProperty.Array[0, 6]), (1, GenProperty.Array[0, 255]), (1, GenProperty.Array[255]));

    private static readonly Gen<EchonetFrame> GenFrame =
        Gen.Select(Gen.UShort, Gen.Byte.Array[3], Gen.Byte.Array[3], Gen.OneOfConst(DefinedEsvs), GenList, GenList)
            .Select(t =>
            {
                var (tid, s, d, esv, first, second) = t;
                return new EchonetFrame(tid, new Eoj(s[0], s[1], s[2]), new Eoj(d[0], d[1], d[2]), esv, first, esv.IsSetGet() ? second : null);
            });

    [Fact]
    public void Random_frames_round_trip_through_bytes()
    {
        GenFrame.Sample(frame =>
        {
            var bytes = FrameCodec.Encode(frame);
            var decoded = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);

            Assert.Equal(frame.Tid, decoded.Tid);
            Assert.Equal(frame.Seoj, decoded.Seoj);
            Assert.Equal(frame.Deoj, decoded.Deoj);
            Assert.Equal(frame.Esv, decoded.Esv);
            Assert.Equal(frame.Properties, decoded.Properties);
            Assert.Equal(frame.GetProperties, decoded.GetProperties);
            Assert.Equal(bytes, FrameCodec.Encode(decoded));
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Random_frames_include_every_ESV_and_OPC_255()
    {
        var seen = new HashSet<Esv>();
        var maxOpc = 0;
        GenFrame.Sample(frame =>
        {
            seen.Add(frame.Esv);
            maxOpc = Math.Max(maxOpc, frame.Properties.Count);
        }, iter: 2_000, threads: 1);

        Assert.Equal(DefinedEsvs.Length, seen.Count);
        Assert.Equal(255, maxOpc);
    }

    [Fact]
    public void Random_bytes_decode_or_fail_with_EchonetFormatException_only()
    {
        var header = Gen.Select(Gen.Byte.Array[0, 64], Gen.OneOfConst(DefinedEsvs), Gen.Bool)
            .Select(t =>
            {
                var (tail, esv, plausible) = t;
                if (!plausible)
                {
                    return tail;
                }

                var b = new byte[11 + tail.Length];
                b[0] = 0x10;
                b[1] = 0x81;
                b[10] = (byte)esv;
                tail.CopyTo(b, 11);
                return b;
            });

        header.Sample(bytes =>
        {
            try
            {
                var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);
                Assert.Equal(bytes, FrameCodec.Encode(frame));
            }
            catch (EchonetFormatException ex)
            {
                Assert.InRange(ex.Offset, 0, bytes.Length);
                Assert.False(FrameCodec.TryDecode(bytes, out _, out var error));
                Assert.Equal(ex.Message, error!.Message);
            }
        }, iter: 20_000, threads: 1);
    }
}
