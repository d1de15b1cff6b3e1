using System.Buffers.Binary;
using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;

namespace BRoute.EchonetLite.Meter;

/// <summary>Decoders for the super-class and node-profile properties (identity, settings, maps, lists).</summary>
internal static class DeviceDecoders
{
    public static Outcome Hex(ReadOnlySpan<byte> edt) => Outcome.Ok(new TextValue(Convert.ToHexString(edt)));

    public static readonly Choice[] OperationStatus = [new(0x30, "on", "ON"), new(0x31, "off", "OFF")];
    public static readonly Choice[] NodeOperatingStatus = [new(0x30, "booting", "booting"), new(0x31, "not_booting", "not booting")];
    public static readonly Choice[] FaultStatus = [new(0x41, "fault", "fault"), new(0x42, "no_fault", "no fault")];
    public static readonly Choice[] PowerSaving = [new(0x41, "saving", "saving"), new(0x42, "normal", "normal")];

    /// <summary>The Appendix lists these four codes; their meanings are not in the reference, so the code itself is the value.</summary>
    public static readonly Choice[] RemoteControl =
        [new(0x41, "0x41", "code 0x41"), new(0x42, "0x42", "code 0x42"), new(0x61, "0x61", "code 0x61"), new(0x62, "0x62", "code 0x62")];

    public static Outcome OneOf(ReadOnlySpan<byte> edt, string what, Choice[] choices)
    {
        foreach (var (code, json, _) in choices)
        {
            if (edt[0] == code)
            {
                return Outcome.Ok(new TextValue(json));
            }
        }

        var valid = new List<string>();
        foreach (var c in choices)
        {
            valid.Add($"0x{c.Code:X2} {c.Display}");
        }

        return Outcome.Fail($"0x{edt[0]:X2} is not a defined {what} ({string.Join(", ", valid)})");
    }

    /// <summary>One defined code: its value text and the words an error message lists it with.</summary>
    internal readonly record struct Choice(byte Code, string Json, string Display);

    public static Outcome InstallationLocation(ReadOnlySpan<byte> edt)
    {
        if (edt.Length == 1)
        {
            return edt[0] == 0x00
                ? Outcome.Of(ValueStatus.Unset)
                : Outcome.Ok(new TextValue($"0x{edt[0]:X2}"));
        }

        if (edt.Length != 17)
        {
            return Outcome.Fail($"EDT is {edt.Length} byte(s), expected 1 or 17");
        }

        if (edt[0] != 0x01)
        {
            return Outcome.Fail($"a 17-byte location starts with 0x01, not 0x{edt[0]:X2}");
        }

        var hex = Convert.ToHexString(edt[1..]);
        return Outcome.Ok(new TextValue(hex));
    }

    public static Outcome StandardVersion(ReadOnlySpan<byte> edt)
    {
        var letter = edt[2];
        return letter is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')
            ? Outcome.Ok(new StandardVersionValue((char)letter, edt[3]))
            : Outcome.Fail($"release byte 0x{letter:X2} is not an ASCII letter");
    }

    public static Outcome ProfileVersion(ReadOnlySpan<byte> edt) =>
        Outcome.Ok(new ProfileVersionValue(edt[0], edt[1], edt[2]));

    public static Outcome UnsignedWatts(ReadOnlySpan<byte> edt)
    {
        var v = BinaryPrimitives.ReadUInt16BigEndian(edt);
        return v <= 65533
            ? Outcome.Ok(new NumberValue(v, "W"))
            : Outcome.Fail($"0x{v:X4} is outside 0–65533 W");
    }

    public static Outcome FixedEnergy(ReadOnlySpan<byte> edt)
    {
        var v = BinaryPrimitives.ReadUInt32BigEndian(edt);
        return v <= 999_999_999
            ? Outcome.Ok(new NumberValue(v * 0.001m, "kWh"))
            : Outcome.Fail($"0x{v:X8} is outside 0–999,999,999 (× 0.001 kWh)");
    }

    public static Outcome Percent(ReadOnlySpan<byte> edt) =>
        edt[0] <= 100
            ? Outcome.Ok(new NumberValue(edt[0], "%"))
            : Outcome.Fail($"{edt[0]} is outside 0–100 %");

    public static Outcome Ascii(ReadOnlySpan<byte> edt)
    {
        var text = edt.Trim((ReadOnlySpan<byte>)[0x00, 0x20]);
        if (text.IsEmpty)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        foreach (var b in text)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return Outcome.Fail($"byte 0x{b:X2} is not printable ASCII");
            }
        }

        return Outcome.Ok(new TextValue(System.Text.Encoding.ASCII.GetString(text)));
    }

    public static Outcome Date(ReadOnlySpan<byte> edt)
    {
        if (edt.IndexOfAnyExcept((byte)0xFF) < 0)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        return MeterDateTime.TryReadDate(edt, out var date, out var error)
            ? Outcome.Ok(new TextValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : Outcome.Fail(error!);
    }

    public static Outcome Time(ReadOnlySpan<byte> edt)
    {
        if (edt.IndexOfAnyExcept((byte)0xFF) < 0)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        return edt[0] <= 23 && edt[1] <= 59
            ? Outcome.Ok(new TextValue(string.Create(CultureInfo.InvariantCulture, $"{edt[0]:D2}:{edt[1]:D2}")))
            : Outcome.Fail($"time {Convert.ToHexString(edt)} is not a valid hh mm");
    }

    public static Outcome OperatingTime(ReadOnlySpan<byte> edt)
    {
        string? unit = edt[0] switch
        {
            0x41 => "s",
            0x42 => "min",
            0x43 => "h",
            0x44 => "day",
            _ => null,
        };
        return unit is null
            ? Outcome.Fail($"time unit 0x{edt[0]:X2} is not 0x41 s, 0x42 min, 0x43 h or 0x44 day")
            : Outcome.Ok(new NumberValue(BinaryPrimitives.ReadUInt32BigEndian(edt[1..]), unit));
    }

    public static Outcome PropertyMap(ReadOnlySpan<byte> edt) =>
        Objects.PropertyMap.TryDecode(edt, out var map, out var error)
            ? Outcome.Ok(new PropertyMapValue(map))
            : Outcome.Fail(error.Message);

    public static Outcome InstanceCount(ReadOnlySpan<byte> edt) =>
        Outcome.Ok(new NumberValue((edt[0] << 16) | (edt[1] << 8) | edt[2], null));

    public static Outcome ClassCount(ReadOnlySpan<byte> edt) =>
        Outcome.Ok(new NumberValue(BinaryPrimitives.ReadUInt16BigEndian(edt), null));

    public static Outcome InstanceList(ReadOnlySpan<byte> edt) =>
        InstanceListCodec.TryDecode(edt, out var list, out var error)
            ? Outcome.Ok(new InstanceListValue(list))
            : Outcome.Fail(error.Message);

    public static Outcome ClassList(ReadOnlySpan<byte> edt) =>
        ClassListCodec.TryDecode(edt, out var list, out var error)
            ? Outcome.Ok(new ClassListValue(list))
            : Outcome.Fail(error.Message);
}
