using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BRoute.SkStack.Items;

namespace BRoute.Decoding;

/// <summary>
/// What repeats from frame to frame of a log, kept ready as JSON for <see cref="DecodeJsonWriter"/>: the ERXUDP envelope
/// of the same sender (a log has one meter, or a few), and property names, units and ESV names (a few dozen strings).
/// The bytes written are the same as without it. One per output writer, made with that writer's encoder; not thread-safe.
/// </summary>
public sealed class DecodeJsonCache
{
    private const int TextSlots = 32;
    private const int EnvelopeSlots = 4;
    private readonly JsonWriterOptions _options;
    private readonly string?[] _strings = new string?[TextSlots];
    private readonly JsonEncodedText[] _texts = new JsonEncodedText[TextSlots];
    private readonly Erxudp?[] _envelopes = new Erxudp?[EnvelopeSlots];
    private readonly byte[][] _envelopeJson = new byte[EnvelopeSlots][];
    private int _nextText;
    private int _nextEnvelope;

    /// <param name="encoder">The encoder of the writer the cached text goes into (null: the default one).</param>
    public DecodeJsonCache(JavaScriptEncoder? encoder)
    {
        _options = new JsonWriterOptions { Encoder = encoder };
    }

    /// <summary>The string encoded for the writer, looked up by reference (names and units are the catalog's own strings).</summary>
    internal JsonEncodedText Text(string value)
    {
        for (var i = 0; i < TextSlots; i++)
        {
            if (ReferenceEquals(_strings[i], value))
            {
                return _texts[i];
            }
        }

        var text = JsonEncodedText.Encode(value, _options.Encoder);
        _strings[_nextText] = value;
        _texts[_nextText] = text;
        _nextText = (_nextText + 1) % TextSlots;
        return text;
    }

    /// <summary>The envelope object <c>{"sender":…,"rssi":…}</c> as JSON, written once per distinct envelope.</summary>
    internal ReadOnlySpan<byte> Envelope(Erxudp transport)
    {
        for (var i = 0; i < EnvelopeSlots; i++)
        {
            if (_envelopes[i] is { } e && SameEnvelope(e, transport))
            {
                return _envelopeJson[i];
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, _options))
        {
            DecodeJsonWriter.WriteEnvelope(writer, transport);
        }

        var json = buffer.WrittenSpan.ToArray();
        _envelopes[_nextEnvelope] = transport;
        _envelopeJson[_nextEnvelope] = json;
        _nextEnvelope = (_nextEnvelope + 1) % EnvelopeSlots;
        return json;
    }

    // Every field the envelope object shows (not the data).
    private static bool SameEnvelope(Erxudp a, Erxudp b) =>
        a.SenderPort == b.SenderPort && a.DestinationPort == b.DestinationPort && a.SenderMac == b.SenderMac
        && a.Secured == b.Secured && a.Side == b.Side && a.Rssi == b.Rssi
        && (ReferenceEquals(a.Sender, b.Sender) || a.Sender.Equals(b.Sender))
        && (ReferenceEquals(a.Destination, b.Destination) || a.Destination.Equals(b.Destination));
}
