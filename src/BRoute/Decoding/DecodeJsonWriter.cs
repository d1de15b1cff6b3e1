using System.Text.Json;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.SkStack.Grammar;

namespace BRoute.Decoding;

/// <summary>
/// Writes a decoded frame as one JSON object: <c>line</c>, the ERXUDP envelope (or null),
/// <c>tid</c> (number), <c>seoj</c>/<c>deoj</c> ("028801"), <c>esv</c> ("0x72"), <c>esv_name</c>,
/// and <c>properties</c> (for the SetGet family also <c>get_properties</c>): each value-carrying block
/// in the shape of <see cref="ValueJson.WriteJson(DecodedProperty, Utf8JsonWriter)"/>; a block that only names an EPC (a Get
/// request) as <c>{"epc":"0xE7","name":…,"pdc":0}</c>.
/// </summary>
public static class DecodeJsonWriter
{
    public static void Write(Utf8JsonWriter writer, DecodedFrame decoded)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decoded);
        var f = decoded.Frame;
        writer.WriteStartObject();
        writer.WriteNumber("line", decoded.LineNumber);
        if (decoded.Transport is { } t)
        {
            writer.WriteStartObject("erxudp");
            writer.WriteString("sender", SkAddress.FormatIPv6(t.Sender));
            writer.WriteString("destination", SkAddress.FormatIPv6(t.Destination));
            writer.WriteNumber("sender_port", t.SenderPort);
            writer.WriteNumber("destination_port", t.DestinationPort);
            writer.WriteString("sender_mac", t.SenderMacText);
            writer.WriteBoolean("secured", t.Secured);
            WriteNullable(writer, "side", t.Side);
            WriteNullable(writer, "rssi", t.Rssi);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("erxudp");
        }

        writer.WriteNumber("tid", f.Tid);
        writer.WriteString("seoj", f.Seoj.ToString());
        writer.WriteString("deoj", f.Deoj.ToString());
        writer.WriteString("esv", $"0x{(byte)f.Esv:X2}");
        writer.WriteString("esv_name", f.Esv.Symbol());
        WriteList(writer, "properties", f.PropertyOwner.ClassCode, f.Properties, decoded.Values);
        if (f.Esv.IsSetGet())
        {
            WriteList(writer, "get_properties", f.PropertyOwner.ClassCode, f.GetProperties, decoded.GetValues);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, ushort classCode, IReadOnlyList<EchonetProperty> blocks, IReadOnlyList<DecodedProperty>? values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (values is not null)
            {
                values[i].WriteJson(writer);
                continue;
            }

            var b = blocks[i];
            writer.WriteStartObject();
            writer.WriteString("epc", $"0x{b.Epc:X2}");
            writer.WriteString("name", PropertyCatalog.NameOf(classCode, b.Epc));
            writer.WriteNumber("pdc", b.Pdc);
            if (b.Pdc > 0)
            {
                writer.WriteString("raw", Convert.ToHexString(b.Edt.Span));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
