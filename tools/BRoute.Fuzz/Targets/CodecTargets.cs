using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Fuzz.Inputs;
using CsCheck;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// The ECHONET Lite frame codec and the frame-level meter decoding. <see cref="FrameCodec.TryDecode"/> never throws;
/// <see cref="FrameCodec.Decode(ReadOnlyMemory{byte})"/> throws only <see cref="EchonetFormatException"/> (its
/// documented contract), with the same message; a decoded frame re-encodes to the same bytes; its values decode
/// without exception; memory is linear in the input.
/// </summary>
public static class CodecTargets
{
    private static readonly Esv[] Esvs = Enum.GetValues<Esv>();

    private static readonly Gen<EchonetProperty> Property = Gen.Select(
        Gen.Frequency((3, Gen.OneOfConst(PropertyCatalog.SmartMeter.Select(p => p.Epc).ToArray())), (1, Gen.Byte)),
        Gen.Frequency((8, Gen.Byte.Array[0, 12]), (1, Gen.Byte.Array[0, 255])),
        (epc, edt) => new EchonetProperty(epc, edt));

    /// <summary>Generated frames of every ESV, including meter values built by the encoders.</summary>
    public static readonly Gen<byte[]> Generated = Gen.Select(
            Gen.UShort,
            Gen.OneOfConst(new Eoj(0x02, 0x88, 0x01), new Eoj(0x05, 0xFF, 0x01), new Eoj(0x0E, 0xF0, 0x01), new Eoj(0x02, 0x88, 0x00)),
            Gen.OneOfConst(new Eoj(0x05, 0xFF, 0x01), new Eoj(0x02, 0x88, 0x01), new Eoj(0x0E, 0xF0, 0x01)),
            Gen.OneOfConst(Esvs),
            Gen.Frequency((3, Property), (2, MeterValues.Any.Select(v => new EchonetProperty(v.Epc, v.Edt)))).Array[0, 8],
            Property.Array[0, 4])
        .Select(t => FrameCodec.Encode(new EchonetFrame(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item4.IsSetGet() ? t.Item6 : null)));

    /// <summary>Mutations of the golden frames (§6) and of generated frames.</summary>
    public static FuzzTarget Mutated { get; } = new FuzzTarget<(byte[] Frame, EnergyScale Scale)>(
        "codec-mutated",
        "mutations of the 16 golden frames and of generated frames of every ESV: TryDecode never throws, Decode throws EchonetFormatException only, re-encode = input, values decode",
        Gen.Select(
            Gen.Frequency(
                (5, Mutator.Of(GoldenVectors.Frames)),
                (3, Generated.SelectMany(f => Mutator.Of([f], 4))),
                (1, Generated),
                (1, Gen.Byte.Array[0, 64])),
            MeterValues.Scale),
        t => Check(t.Frame, t.Scale));

    private static void Check(byte[] bytes, EnergyScale scale)
    {
        EchonetFrame? frame = null;
        EchonetFormatException? error = null;
        var ok = false;
        var allocated = Expect.Allocated(() => ok = FrameCodec.TryDecode(bytes, out frame, out error));
        Expect.That(allocated <= (16 * 1024) + (64L * bytes.Length), $"decoding {bytes.Length} bytes allocated {allocated} bytes");
        try
        {
            var thrown = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);
            Expect.That(ok, "Decode succeeded where TryDecode failed");
            Expect.That(thrown.Properties.Count == frame!.Properties.Count, "Decode and TryDecode disagree");
        }
        catch (EchonetFormatException ex)
        {
            Expect.That(!ok && ex.Message == error!.Message, $"Decode threw '{ex.Message}' where TryDecode said {(ok ? "ok" : error!.Message)}");
            Expect.That(ex.Offset >= 0 && ex.Offset <= bytes.Length, $"offset {ex.Offset} outside the {bytes.Length}-byte input");
        }

        if (!ok)
        {
            return;
        }

        Expect.That(FrameCodec.Encode(frame!).AsSpan().SequenceEqual(bytes), "re-encoding a decoded frame changed its bytes");
        IReadOnlyList<DecodedProperty>? values = null;
        var valueBytes = Expect.Allocated(() => values = MeterPropertyDecoder.DecodeValues(frame!, scale, new DateOnly(2026, 11, 27)));
        Expect.That(valueBytes <= 64 * 1024 * (1 + values!.Count), $"decoding {values.Count} values allocated {valueBytes} bytes");
        var blocks = frame!.Esv is Esv.SetGetRes or Esv.SetGetSna ? frame.GetProperties : frame.Properties;
        for (var i = 0; i < values.Count; i++)
        {
            MeterTargets.Invariants(values[i], blocks[i].Edt.ToArray());
        }
    }
}
