using System.Globalization;

namespace BRoute.EchonetLite.Meter;

/// <summary>What the catalog knows about one EPC of one object class.</summary>
public sealed class PropertyInfo
{
    internal PropertyInfo(
        ushort classCode, byte epc, string name, string japaneseName, string englishName,
        int minSize, int maxSize, string? unit,
        PropertyAccess get, PropertyAccess set, PropertyAccess announce, PropertyKind kind, string? sizeText = null)
    {
        ClassCode = classCode;
        Epc = epc;
        Name = name;
        JapaneseName = japaneseName;
        EnglishName = englishName;
        MinSize = minSize;
        MaxSize = maxSize;
        SizeText = sizeText ?? (minSize == maxSize
            ? minSize.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{minSize}–{maxSize}"));
        Unit = unit;
        Get = get;
        Set = set;
        Announce = announce;
        Kind = kind;
    }

    /// <summary>Class the definition belongs to: 0x0288, 0x0EF0, or 0x0000 for the device-object super class.</summary>
    public ushort ClassCode { get; }

    /// <summary>Property code.</summary>
    public byte Epc { get; }

    /// <summary>snake_case name used on the command line and in JSON, e.g. "instantaneous_power".</summary>
    public string Name { get; }

    /// <summary>Name in the Appendix, e.g. "瞬時電力計測値".</summary>
    public string JapaneseName { get; }

    /// <summary>English name in the Appendix, e.g. "Measured instantaneous electric power".</summary>
    public string EnglishName { get; }

    /// <summary>Smallest valid EDT length.</summary>
    public int MinSize { get; }

    /// <summary>Largest valid EDT length.</summary>
    public int MaxSize { get; }

    /// <summary>Size as the Appendix gives it, e.g. "4", "1–17", "1 or 17", "7 + 8n (n 1–12)" (written in the table only when it is more than the range).</summary>
    public string SizeText { get; }

    /// <summary>Unit of the decoded value ("W", "A", "kWh", …) or null when it has none.</summary>
    public string? Unit { get; }

    /// <summary>Get access rule.</summary>
    public PropertyAccess Get { get; }

    /// <summary>Set access rule.</summary>
    public PropertyAccess Set { get; }

    /// <summary>Status-change announcement rule.</summary>
    public PropertyAccess Announce { get; }

    internal PropertyKind Kind { get; }

    /// <summary>E.g. "0xE7 instantaneous_power".</summary>
    public override string ToString() => $"0x{Epc:X2} {Name}";
}
