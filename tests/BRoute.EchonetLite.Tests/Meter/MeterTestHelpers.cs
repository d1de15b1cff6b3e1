using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.EchonetLite.Tests.Meter;

internal static class MeterTestHelpers
{
    /// <summary>The seed meter's scale: D3 = 1, E1 = 0x01 (0.1 kWh).</summary>
    public static readonly EnergyScale SeedScale = new(1m, 0x01);

    /// <summary>Decodes the only value block of a frame given in hex.</summary>
    public static DecodedProperty DecodeSingle(string frameHex, EnergyScale scale, DateOnly? today = null)
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(frameHex));
        return Assert.Single(MeterPropertyDecoder.DecodeValues(frame, scale, today));
    }

    /// <summary>Decodes one EDT of the meter class.</summary>
    public static DecodedProperty DecodeMeter(byte epc, string edtHex, EnergyScale? scale = null, DateOnly? today = null) =>
        MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, Hex.Bytes(edtHex)), scale ?? SeedScale, today);
}
