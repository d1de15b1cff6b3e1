using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Tests.Output;

/// <summary>Decoded properties built from the seed trace's EDTs (seed-trace-decoded.md), scale D3 = 1, E1 = 0x01 (0.1 kWh).</summary>
internal static class SeedProperties
{
    public static readonly EnergyScale Scale = new(1m, 0x01);

    public static DecodedProperty Decode(byte epc, string edtHex, EnergyScale? scale = null) =>
        MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, Convert.FromHexString(edtHex)), scale ?? Scale);

    public static DecodedProperty Power => Decode(0xE7, "00000274");                          // 628 W

    public static DecodedProperty Current => Decode(0xE8, "00320014");                        // R 5.0 A, T 2.0 A

    public static DecodedProperty FixedTime => Decode(0xEA, "07E4030E081E0000015206");        // 2020-03-14 08:30:00 8653.4 kWh

    public static DecodedProperty Status => Decode(0x80, "30");                               // on

    public static DecodedProperty NoData => Decode(0xE7, "7FFFFFFE");

    public static DecodedProperty Unset => Decode(0xE5, "FF");

    public static DecodedProperty Broken => Decode(0xE7, "0274");                             // 2 bytes: decode error

    public static DecodedProperty Unsupported => DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, 0xEC);

    public static DecodedProperty AssumedCoefficient => Decode(0xE0, "00015208", new EnergyScale(null, 0x01));

    public static IReadOnlyList<DecodedProperty> All =>
        [Status, Power, Current, FixedTime, NoData, Unset, Broken, Unsupported, AssumedCoefficient];
}
