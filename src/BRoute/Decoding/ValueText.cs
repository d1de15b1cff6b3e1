using System.Globalization;
using BRoute.EchonetLite.Meter;

namespace BRoute.Decoding;

/// <summary>
/// The one display text of decoded meter properties, for tables and explanations (<c>broute decode</c>, <c>read</c>'s
/// table, <c>doctor</c>, <c>watch</c>): "628 W", "R 5.0 A, T 2.0 A", "2020-03-14 08:30:00 8653.4 kWh", "no data",
/// "unset", "not supported", "error: …". The codec keeps values, units and states; the words are here. A few
/// properties read better with their meaning (E1 "0.1 kWh (code 0x01)", E5 "today", 0x80 "ON"): those need the
/// property, so prefer <see cref="ToDisplayString(DecodedProperty)"/> over the value's own text.
/// </summary>
public static class ValueText
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The value ("628 W", …), or "no data", "unset", "not supported", or "error: …".</summary>
    public static string ToDisplayString(this DecodedProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.Status switch
        {
            null => $"error: {property.Error}",
            ValueStatus.Ok => ValueOf(property),
            ValueStatus s => s.ToDisplayString(),
        };
    }

    /// <summary>"0xE7 instantaneous_power: 628 W".</summary>
    public static string ToLine(this DecodedProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return $"0x{property.Epc:X2} {property.Name}: {property.ToDisplayString()}";
    }

    /// <summary>Short text for a table: "ok", "no data", "unset", "not supported".</summary>
    public static string ToDisplayString(this ValueStatus status) => status switch
    {
        ValueStatus.Ok => "ok",
        ValueStatus.NoData => "no data",
        ValueStatus.Unset => "unset",
        ValueStatus.NotSupported => "not supported",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "undefined value status"),
    };

    /// <summary>"8653.4 kWh", "86534 (raw count, unit unknown)" or "no data".</summary>
    public static string ToDisplayString(this EnergyReading energy) => (energy.Raw, energy.Kwh) switch
    {
        (null, _) => "no data",
        (_, decimal kwh) => string.Create(CultureInfo.InvariantCulture, $"{kwh} kWh"),
        (uint raw, null) => string.Create(CultureInfo.InvariantCulture, $"{raw} (raw count, unit unknown)"),
    };

    /// <summary>The value's own text, without the property's meaning (see the class remarks).</summary>
    public static string ToDisplayString(this MeterValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var inv = CultureInfo.InvariantCulture;
        return value switch
        {
            NumberValue v => v.Unit is null ? v.Number.ToString(inv) : string.Create(inv, $"{v.Number} {v.Unit}"),
            TextValue v => v.Text,
            EnergyValue v => v.Energy.ToDisplayString(),
            CurrentValue v => $"R {Amps(v.R)}, T {(v.T is null && v.R is not null ? "none (single-phase 2-wire)" : Amps(v.T))}",
            TimedEnergyValue v => $"{Time(v.Timestamp)} {v.Energy.ToDisplayString()}",
            OneMinuteEnergyValue v => $"{Time(v.Timestamp)} normal {v.Normal.ToDisplayString()}, reverse {v.Reverse.ToDisplayString()}",
            DayHistoryValue v => DayHistory(v),
            PairHistoryValue v => PairHistory(v),
            HistorySettingValue v => string.Create(inv, $"{v.Timestamp:yyyy-MM-dd HH:mm}, {v.Count} slot(s)"),
            StandardVersionValue v => string.Create(inv, $"Release {v.Release} rev. {v.Revision}"),
            ProfileVersionValue v => string.Create(inv, $"Ver. {v.Major}.{v.Minor:D2}, formats 0x{v.Formats:X2}"),
            PropertyMapValue v => v.Map.Count == 0 ? "(none)" : $"{v.Map.Count}: {string.Join(' ', v.Map.ToArray().Select(e => $"0x{e:X2}"))}",
            InstanceListValue v => v.Instances.Count == 0 ? "(none)" : string.Join(", ", v.Instances),
            ClassListValue v => v.ClassCodes.Count == 0 ? "(none)" : string.Join(", ", v.ClassCodes.Select(c => $"{c:X4}")),
            _ => throw new ArgumentException($"no display text for {value.GetType().Name}", nameof(value)),
        };
    }

    /// <summary>The meter's wall-clock time as shown in tables: "2020-03-14 08:30:00".</summary>
    public static string Time(DateTime t) => t.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    // The properties whose value reads better with its meaning than as the bare value.
    private static string ValueOf(DecodedProperty p)
    {
        var inv = CultureInfo.InvariantCulture;
        var known = p.Info is not null;
        var meter = p.ClassCode == PropertyCatalog.SmartMeterClass;
        var node = p.ClassCode == PropertyCatalog.NodeProfileClass;
        return (p.Epc, p.Value) switch
        {
            (MeterEpc.Unit, NumberValue v) when meter => string.Create(inv, $"{v.Number} kWh (code 0x{p.Raw.Span[0]:X2})"),
            (MeterEpc.History1Day, NumberValue { Number: 0 }) when meter => "today",
            (MeterEpc.History1Day, NumberValue v) when meter => string.Create(inv, $"{v.Number} day(s) back"),
            (0x80, TextValue v) when known && node => v.Text.Replace('_', ' '),
            (0x80, TextValue v) when known => v.Text.ToUpperInvariant(),
            (0x81, TextValue v) when known && !node => p.Raw.Length == 1 ? $"location code {v.Text}" : $"position {v.Text}",
            (0x88, TextValue v) when known && !node => v.Text.Replace('_', ' '),
            (0x93, TextValue v) when known && !node => $"code {v.Text}",
            (_, var v) => v!.ToDisplayString(),
        };
    }

    private static string Amps(decimal? amps) =>
        amps is decimal a ? string.Create(CultureInfo.InvariantCulture, $"{a} A") : "no data";

    private static string DayHistory(DayHistoryValue v)
    {
        var withData = v.Slots.Count(s => s.Energy.Status == ValueStatus.Ok);
        var day = v.Day switch
        {
            null => "day unset",
            int d when v.Date is DateOnly date => string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} ({d} day(s) back)"),
            int d => string.Create(CultureInfo.InvariantCulture, $"{d} day(s) back"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{day}: {v.Slots.Count} slots, {withData} with data");
    }

    private static string PairHistory(PairHistoryValue v)
    {
        var withData = v.Slots.Count(s => s.Normal.Status == ValueStatus.Ok || s.Reverse.Status == ValueStatus.Ok);
        var start = v.Timestamp is DateTime t ? $"from {Time(t)} back" : "date-time unset";
        return string.Create(CultureInfo.InvariantCulture, $"{start}: {v.Slots.Count} × {(int)v.Interval.TotalMinutes} min, {withData} with data");
    }
}
