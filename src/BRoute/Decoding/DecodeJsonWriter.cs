using System.Globalization;
using System.Net;
using System.Text.Json;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.Decoding;

/// <summary>
/// Writes a decoded frame as one JSON object: <c>line</c>, the ERXUDP envelope (or null),
/// <c>tid</c> (number), <c>seoj</c>/<c>deoj</c> ("028801"), <c>esv</c> ("0x72"), <c>esv_name</c>,
/// and <c>properties</c> (for the SetGet family also <c>get_properties</c>): each value-carrying block
/// in the shape of <see cref="ValueJson.WriteJson(DecodedProperty, Utf8JsonWriter)"/>; a block that only names an EPC (a Get
/// request) as <c>{"epc":"0xE7","name":…,"pdc":0}</c>. Runs once per frame of a log, so it formats into stack buffers
/// rather than strings.
/// </summary>
public static class DecodeJsonWriter
{
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Erxudp = JsonEncodedText.Encode("erxudp");
    private static readonly JsonEncodedText Sender = JsonEncodedText.Encode("sender");
    private static readonly JsonEncodedText Destination = JsonEncodedText.Encode("destination");
    private static readonly JsonEncodedText SenderPort = JsonEncodedText.Encode("sender_port");
    private static readonly JsonEncodedText DestinationPort = JsonEncodedText.Encode("destination_port");
    private static readonly JsonEncodedText SenderMac = JsonEncodedText.Encode("sender_mac");
    private static readonly JsonEncodedText Secured = JsonEncodedText.Encode("secured");
    private static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Rssi = JsonEncodedText.Encode("rssi");
    private static readonly JsonEncodedText Tid = JsonEncodedText.Encode("tid");
    private static readonly JsonEncodedText Seoj = JsonEncodedText.Encode("seoj");
    private static readonly JsonEncodedText Deoj = JsonEncodedText.Encode("deoj");
    private static readonly JsonEncodedText EsvCode = JsonEncodedText.Encode("esv");
    private static readonly JsonEncodedText EsvName = JsonEncodedText.Encode("esv_name");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");
    private static readonly JsonEncodedText GetProperties = JsonEncodedText.Encode("get_properties");

    public static void Write(Utf8JsonWriter writer, DecodedFrame decoded) => Write(writer, decoded, cache: null);

    /// <summary>
    /// As <see cref="Write(Utf8JsonWriter, DecodedFrame)"/>, with the same bytes; <paramref name="cache"/> keeps what repeats
    /// from frame to frame of a log (the ERXUDP envelope of the same meter, property names and units) ready as JSON.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, DecodedFrame decoded, DecodeJsonCache? cache)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decoded);
        var f = decoded.Frame;
        writer.WriteStartObject();
        writer.WriteNumber(Line, decoded.LineNumber);
        if (decoded.Transport is { } t && cache is not null)
        {
            writer.WritePropertyName(Erxudp);
            writer.WriteRawValue(cache.Envelope(t), skipInputValidation: true);
        }
        else if (decoded.Transport is { } transport)
        {
            writer.WritePropertyName(Erxudp);
            WriteEnvelope(writer, transport);
        }
        else
        {
            writer.WriteNull(Erxudp);
        }

        writer.WriteNumber(Tid, f.Tid);
        WriteEoj(writer, Seoj, f.Seoj);
        WriteEoj(writer, Deoj, f.Deoj);
        ValueJson.WriteCode(writer, EsvCode, (byte)f.Esv);
        if (cache is null)
        {
            writer.WriteString(EsvName, f.Esv.Symbol());
        }
        else
        {
            writer.WriteString(EsvName, cache.Text(f.Esv.Symbol()));
        }

        WriteList(writer, Properties, f.PropertyOwner.ClassCode, f.Properties, decoded.Values, cache);
        if (f.Esv.IsSetGet())
        {
            WriteList(writer, GetProperties, f.PropertyOwner.ClassCode, f.GetProperties, decoded.GetValues, cache);
        }

        writer.WriteEndObject();
    }

    /// <summary>The ERXUDP envelope as a JSON object at the writer's position.</summary>
    internal static void WriteEnvelope(Utf8JsonWriter writer, BRoute.SkStack.Items.Erxudp t)
    {
        writer.WriteStartObject();
        WriteAddress(writer, Sender, t.Sender);
        WriteAddress(writer, Destination, t.Destination);
        writer.WriteNumber(SenderPort, t.SenderPort);
        writer.WriteNumber(DestinationPort, t.DestinationPort);
        Span<char> mac = stackalloc char[16];
        t.SenderMac.TryFormat(mac, out _, "X16", CultureInfo.InvariantCulture);
        writer.WriteString(SenderMac, mac);
        writer.WriteBoolean(Secured, t.Secured);
        writer.WriteNumberOrNull(Side, t.Side);
        writer.WriteNumberOrNull(Rssi, t.Rssi);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, JsonEncodedText name, ushort classCode, IReadOnlyList<EchonetProperty> blocks, IReadOnlyList<DecodedProperty>? values, DecodeJsonCache? cache)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (values is not null)
            {
                ValueJson.WriteJson(values[i], writer, cache);
                continue;
            }

            var b = blocks[i];
            writer.WriteStartObject();
            ValueJson.WriteCode(writer, ValueJson.EpcName, b.Epc);
            writer.WriteString(ValueJson.NameName, PropertyCatalog.NameOf(classCode, b.Epc));
            writer.WriteNumber("pdc", b.Pdc);
            if (b.Pdc > 0)
            {
                ValueJson.WriteHex(writer, ValueJson.RawName, b.Edt.Span);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // The dongle's full form, "FE80:0000:0000:0000:021D:1290:1234:5678" (SkAddress.FormatIPv6, without the strings).
    private static void WriteAddress(Utf8JsonWriter writer, JsonEncodedText name, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != 16)
        {
            writer.WriteString(name, BRoute.SkStack.Grammar.SkAddress.FormatIPv6(address));
            return;
        }

        Span<byte> text = stackalloc byte[39];
        var c = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                text[c++] = (byte)':';
            }

            text[c++] = ValueJson.HexDigit(bytes[i] >> 4);
            text[c++] = ValueJson.HexDigit(bytes[i] & 0xF);
        }

        writer.WriteString(name, text);
    }

    private static void WriteEoj(Utf8JsonWriter writer, JsonEncodedText name, Eoj eoj)
    {
        Span<byte> text = [
            ValueJson.HexDigit(eoj.ClassGroup >> 4), ValueJson.HexDigit(eoj.ClassGroup & 0xF),
            ValueJson.HexDigit(eoj.Class >> 4), ValueJson.HexDigit(eoj.Class & 0xF),
            ValueJson.HexDigit(eoj.Instance >> 4), ValueJson.HexDigit(eoj.Instance & 0xF)];
        writer.WriteString(name, text);
    }
}
