using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.SkStack.Grammar;

namespace BRoute.Decoding;

/// <summary>Writes a decoded frame as a readable block: envelope, header, one row per property.</summary>
public static class DecodeTextWriter
{
    private const int RawWidth = 24;

    public static void Write(TextWriter output, DecodedFrame decoded)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(decoded);
        var f = decoded.Frame;
        var inv = CultureInfo.InvariantCulture;
        if (decoded.Transport is { } t)
        {
            var extras = new List<string> { t.Secured ? "secured" : "NOT secured" };
            if (t.Side is int side)
            {
                extras.Add(string.Create(inv, $"side {side}"));
            }

            if (t.Rssi is byte rssi)
            {
                extras.Add(string.Create(inv, $"RSSI/LQI 0x{rssi:X2}"));
            }

            output.WriteLine(string.Create(inv,
                $"line {decoded.LineNumber}: ERXUDP from {SkAddress.FormatIPv6(t.Sender)} port {t.SenderPort} (MAC {t.SenderMacText}) to {SkAddress.FormatIPv6(t.Destination)} port {t.DestinationPort}, {string.Join(", ", extras)}"));
        }
        else
        {
            output.WriteLine(string.Create(inv, $"line {decoded.LineNumber}: frame"));
        }

        output.WriteLine(string.Create(inv,
            $"  TID 0x{f.Tid:X4}  {f.Seoj} {ObjectName(f.Seoj)} -> {f.Deoj} {ObjectName(f.Deoj)}  ESV 0x{(byte)f.Esv:X2} {f.Esv.Symbol()}"));
        WriteList(output, f.Esv.IsSetGet() ? "set" : null, f.PropertyOwner.ClassCode, f.Properties, decoded.Values);
        if (f.Esv.IsSetGet())
        {
            WriteList(output, "get", f.PropertyOwner.ClassCode, f.GetProperties, decoded.GetValues);
        }
    }

    private static void WriteList(TextWriter output, string? half, ushort classCode, IReadOnlyList<EchonetProperty> blocks, IReadOnlyList<DecodedProperty>? values)
    {
        var inv = CultureInfo.InvariantCulture;
        if (half is not null)
        {
            output.WriteLine(string.Create(inv, $"  {half} part, OPC {blocks.Count}:"));
        }

        if (blocks.Count == 0)
        {
            output.WriteLine("    (no properties)");
            return;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            var name = PropertyCatalog.NameOf(classCode, b.Epc);
            var raw = Convert.ToHexString(b.Edt.Span);
            if (raw.Length > RawWidth)
            {
                raw = raw[..(RawWidth - 1)] + "…";
            }

            var text = values is null
                ? (b.Pdc == 0 ? "(requested)" : "(echoed)")
                : values[i].ToDisplayString();
            output.WriteLine(string.Create(inv, $"    0x{b.Epc:X2}  {name,-44} {raw,-RawWidth}  {text}"));
        }
    }

    private static string ObjectName(Eoj eoj) => eoj.ClassCode switch
    {
        0x0288 => "(smart meter)",
        0x05FF => "(controller)",
        0x0EF0 => "(node profile)",
        _ => "(object)",
    };
}
