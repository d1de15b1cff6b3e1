using System.Globalization;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Output;

/// <summary>
/// <c>broute read --csv</c>: one record per value, never JSON in a cell. Columns
/// <c>epc,name,field,timestamp,status,value,unit,raw</c>. A plain property is one record with an empty field. A value with
/// parts is one record per part: E8 <c>r</c>/<c>t</c>; D0 <c>normal</c>/<c>reverse</c>; E2/E4 one record per half-hour slot
/// (field <c>HH:mm</c>, the slot's timestamp when the date is known); EC/EE one record per slot and direction (field
/// <c>normal</c>/<c>reverse</c>); 0x82 <c>release</c>/<c>revision</c>; node-profile 0x82 <c>major</c>/<c>minor</c>/<c>formats</c>.
/// Timestamps (EA/EB, D0, ED/EF, slots) are the meter's wall-clock time, ISO 8601 without offset. Lists (property maps,
/// instance and class lists) are one cell, space-separated. Each record has its own status (a slot can be
/// <c>no_data</c> in a day that is <c>ok</c>); <c>raw</c> (the EDT in hex) is on the property's first record only.
/// </summary>
internal static class ReadCsv
{
    public static readonly string[] Header = ["epc", "name", "field", "timestamp", "status", "value", "unit", "raw"];

    /// <summary>Header and the records of every property (RFC 4180, CR LF).</summary>
    public static void Write(TextWriter output, IReadOnlyList<DecodedProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(properties);
        output.Write(CsvText.Record(Header));
        foreach (var p in properties)
        {
            var raw = Convert.ToHexString(p.Raw.Span);
            foreach (var (field, timestamp, status, value) in Records(p))
            {
                output.Write(CsvText.Record($"0x{p.Epc:X2}", p.Name, field, timestamp, status, value, p.IsError ? null : p.Unit, raw));
                raw = null;
            }
        }
    }

    /// <summary>The (field, timestamp, status, value) records of one property.</summary>
    internal static IEnumerable<(string? Field, string? Timestamp, string Status, string? Value)> Records(DecodedProperty p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var inv = CultureInfo.InvariantCulture;
        if (p.Status is not ValueStatus status)
        {
            return [(null, null, "error", p.Error)];
        }

        var ok = status.ToJsonName();
        return p.Value switch
        {
            null => [(null, null, ok, null)],
            NumberValue v => [(null, null, ok, v.Number.ToString(inv))],
            TextValue v => [(null, null, ok, v.Text)],
            EnergyValue v => [Energy(null, null, v.Energy)],
            CurrentValue v => [Amps("r", v.R), Amps("t", v.T)],
            TimedEnergyValue v => [Energy(null, v.Timestamp, v.Energy)],
            OneMinuteEnergyValue v => [Energy("normal", v.Timestamp, v.Normal), Energy("reverse", v.Timestamp, v.Reverse)],
            DayHistoryValue v => v.Slots.Select(s => Energy(s.Time.ToString("HH:mm", inv), s.Timestamp, s.Energy)),
            PairHistoryValue v => v.Slots.SelectMany(s => new[] { Energy("normal", s.Timestamp, s.Normal), Energy("reverse", s.Timestamp, s.Reverse) }),
            HistorySettingValue v => [(null, Time(v.Timestamp), ok, v.Count.ToString(inv))],
            StandardVersionValue v => [("release", null, ok, v.Release.ToString()), ("revision", null, ok, v.Revision.ToString(inv))],
            ProfileVersionValue v => [("major", null, ok, v.Major.ToString(inv)), ("minor", null, ok, v.Minor.ToString(inv)), ("formats", null, ok, $"0x{v.Formats:X2}")],
            PropertyMapValue v => [(null, null, ok, string.Join(' ', v.Map.ToArray().Select(e => $"0x{e:X2}")))],
            InstanceListValue v => [(null, null, ok, string.Join(' ', v.Instances))],
            ClassListValue v => [(null, null, ok, string.Join(' ', v.ClassCodes.Select(c => c.ToString("X4", inv))))],
            _ => [(null, null, ok, p.ToDisplayString())],
        };
    }

    private static (string?, string?, string, string?) Energy(string? field, DateTime? timestamp, EnergyReading e) =>
        (field, Time(timestamp), e.Status.ToJsonName(), (e.Kwh ?? e.Raw)?.ToString(CultureInfo.InvariantCulture));

    private static (string?, string?, string, string?) Amps(string field, decimal? amps) =>
        (field, null, amps is null ? ValueStatus.NoData.ToJsonName() : ValueStatus.Ok.ToJsonName(), amps?.ToString(CultureInfo.InvariantCulture));

    private static string? Time(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
