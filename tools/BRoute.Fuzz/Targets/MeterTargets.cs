using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Fuzz.Inputs;
using CsCheck;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// The 0x0288 meter model: every EPC decoder over valid values (round trip through <see cref="MeterValueEncoder"/>),
/// their mutations, and arbitrary EDTs for every EPC of the meter, node-profile and super-class tables. Decoding never
/// throws (the decoder's contract); a result has an error or a status, a value exactly when the status is ok.
/// </summary>
public static class MeterTargets
{
    private static readonly byte[] CatalogEpcs = PropertyCatalog.SmartMeter.Select(p => p.Epc)
        .Concat(PropertyCatalog.NodeProfile.Select(p => p.Epc)).Distinct().ToArray();

    private static readonly Gen<ushort> ClassCode = Gen.Frequency(
        (6, Gen.Const(PropertyCatalog.SmartMeterClass)), (2, Gen.Const(PropertyCatalog.NodeProfileClass)), (1, Gen.Const((ushort)0x0130)), (1, Gen.UShort));

    /// <summary>Valid values decode back to themselves, whatever the scale.</summary>
    public static FuzzTarget RoundTrip { get; } = new FuzzTarget<EncodedValue>(
        "meter-roundtrip",
        "every 0x0288 encoder (E0 E3 EA EB E2 E4 EC ED EE EF D0 D3 D7 E1 E5 E7 E8 9D 9E 9F): encode a generated value, decode, same value",
        MeterValues.Any,
        v =>
        {
            var decoded = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(v.Epc, v.Edt), v.Scale);
            Expect.That(decoded.Error is null, $"{v}: {decoded.Error}");
            Expect.That(v.DecodesBack(decoded), $"{v} decoded as {decoded.Status} {decoded.Value}");
            Invariants(decoded, v.Edt);
        });

    /// <summary>Mutated valid EDTs and arbitrary EDTs for every catalog EPC: never an exception, consistent results.</summary>
    public static FuzzTarget Mutated { get; } = new FuzzTarget<(ushort Class, byte Epc, byte[] Edt, EnergyScale Scale, DateOnly? Today)>(
        "meter-mutated",
        "mutations of valid EDTs and arbitrary EDTs (0–255 bytes) for every EPC of the meter, node-profile and super-class tables: no exception, consistent result",
        Gen.Select(
            Gen.OneOf(
                MeterValues.Any.SelectMany(v => Mutator.Of([v.Edt], 4).Select(edt => (PropertyCatalog.SmartMeterClass, v.Epc, edt))),
                Gen.Select(ClassCode, Gen.Frequency((4, Gen.OneOfConst(CatalogEpcs)), (1, Gen.Byte)), Gen.Frequency((4, Gen.Byte.Array[0, 20]), (1, Gen.Byte.Array[0, 255])))),
            MeterValues.Scale,
            Gen.Frequency((3, Gen.Int[1, 3_652_058].Select(d => (DateOnly?)DateOnly.FromDayNumber(d - 1))), (1, Gen.Const(default(DateOnly?)))))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item2, t.Item3)),
        t =>
        {
            DecodedProperty? decoded = null;
            var allocated = Expect.Allocated(() => decoded = MeterPropertyDecoder.Decode(t.Class, new EchonetProperty(t.Epc, t.Edt), t.Scale, t.Today));
            Invariants(decoded!, t.Edt);
            Expect.That(allocated <= 64 * 1024, $"decoding {t.Edt.Length} bytes allocated {allocated} bytes");
        });

    /// <summary>What every decoded property must satisfy.</summary>
    public static void Invariants(DecodedProperty p, byte[] edt)
    {
        Expect.That((p.Error is null) == (p.Status is not null), $"EPC 0x{p.Epc:X2}: error '{p.Error}' with status {p.Status}");
        Expect.That((p.Status == ValueStatus.Ok) == (p.Value is not null), $"EPC 0x{p.Epc:X2}: status {p.Status} with value {p.Value}");
        Expect.That(p.Raw.Span.SequenceEqual(edt), $"EPC 0x{p.Epc:X2}: Raw is not the EDT");
        Expect.That(p.Error is null || p.Error.Length < 400, $"EPC 0x{p.Epc:X2}: error message of {p.Error?.Length} characters");
    }
}
