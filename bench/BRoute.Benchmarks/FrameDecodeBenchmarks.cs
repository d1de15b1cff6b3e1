using BenchmarkDotNet.Attributes;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.Benchmarks;

/// <summary>
/// Decoding typical Get_Res frames. The frame codec must allocate only its result: the
/// <see cref="EchonetFrame"/> and one property array (EDTs slice the input, no copies).
/// Run: dotnet run -c Release --project bench/BRoute.Benchmarks -- --filter '*FrameDecode*' --job short
/// </summary>
[MemoryDiagnoser]
public class FrameDecodeBenchmarks
{
    /// <summary>Seed-trace Get_Res of E7 (628 W), 18 bytes.</summary>
    private static readonly ReadOnlyMemory<byte> PowerResponse =
        Convert.FromHexString("1081000102880105FF017201E70400000274");

    /// <summary>One Get_Res carrying D3, D7, E1, E0, E7 and E8 (the AIF allows up to 6 EPCs per request), 48 bytes.</summary>
    private static readonly ReadOnlyMemory<byte> SixPropertyResponse =
        Convert.FromHexString("1081000102880105FF017206D30400000001D70106E10101E00400015208E70400000274E80400320014");

    private static readonly EnergyScale Scale = new(1m, 0x01);

    [Benchmark(Baseline = true)]
    public EchonetFrame Decode_GetRes_E7() => FrameCodec.Decode(PowerResponse);

    [Benchmark]
    public EchonetFrame Decode_GetRes_6_properties() => FrameCodec.Decode(SixPropertyResponse);

    [Benchmark]
    public bool TryDecode_GetRes_6_properties() => FrameCodec.TryDecode(SixPropertyResponse, out _, out _);

    /// <summary>For comparison: frame decode plus the meter model (names, typed values) for E7.</summary>
    [Benchmark]
    public DecodedProperty Decode_and_interpret_E7()
    {
        var frame = FrameCodec.Decode(PowerResponse);
        return MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, frame.Properties[0], Scale);
    }
}
