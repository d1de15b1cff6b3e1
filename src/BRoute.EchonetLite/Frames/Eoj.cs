using System.Globalization;

namespace BRoute.EchonetLite.Frames;

/// <summary>An ECHONET object: class group, class and instance (echonet-lite.md §3).</summary>
public readonly record struct Eoj(byte ClassGroup, byte Class, byte Instance)
{
    /// <summary>Low-voltage smart electric energy meter, instance 1 (0x028801).</summary>
    public static readonly Eoj SmartMeter = new(0x02, 0x88, 0x01);

    /// <summary>HEMS controller, instance 1 (0x05FF01); the AIF fixes instance 0x01.</summary>
    public static readonly Eoj Controller = new(0x05, 0xFF, 0x01);

    /// <summary>Node profile, general node (0x0EF001).</summary>
    public static readonly Eoj NodeProfile = new(0x0E, 0xF0, 0x01);

    /// <summary>The two-byte class code (class group and class), e.g. 0x0288.</summary>
    public ushort ClassCode => (ushort)((ClassGroup << 8) | Class);

    /// <summary>Six upper-case hex digits, e.g. "028801".</summary>
    public override string ToString() => $"{ClassGroup:X2}{Class:X2}{Instance:X2}";

    /// <summary>Parses six hex digits, with or without a "0x" prefix.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Eoj eoj)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length == 6 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            eoj = new Eoj((byte)(v >> 16), (byte)(v >> 8), (byte)v);
            return true;
        }

        eoj = default;
        return false;
    }
}
