using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BRoute.Decoding;

namespace BRoute.Cli.Output;

/// <summary>
/// Where <c>broute decode</c> prints: frames are formatted into one buffer (JSON as UTF-8 straight from the writer, text
/// through a buffered writer) and handed to standard output in blocks of about 64 KiB, and whenever the input is about to
/// wait (<see cref="Flush"/>), so a piped log decodes at full speed and a line typed or tailed in shows at once. Standard
/// output's byte stream when the process has one; otherwise (tests) the console's text writer, with the same bytes.
/// </summary>
internal sealed class DecodeOutput : IDisposable
{
    private const int FlushAt = 1 << 16;
    // DecodeJsonWriter writes only well-formed objects: the writer need not check each step.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly Stream? _stream;
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _bytes = new(FlushAt * 2);
    private readonly Utf8JsonWriter _json;
    private readonly DecodeJsonCache _cache = new(JsonOptions.Encoder);
    private readonly TextWriter _text;

    public DecodeOutput(Stream? stream, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _stream = stream;
        _output = output;
        _json = new Utf8JsonWriter(_bytes, JsonOptions);
        _text = stream is null ? output : new StreamWriter(stream, new UTF8Encoding(false), FlushAt, leaveOpen: true) { NewLine = "\n", AutoFlush = false };
    }

    /// <summary>One frame as a JSON object and a newline (the shape of <see cref="DecodeJsonWriter"/>).</summary>
    public void WriteJson(DecodedFrame frame)
    {
        DecodeJsonWriter.Write(_json, frame, _cache);
        _json.Flush();
        _json.Reset();
        _bytes.Write("\n"u8);
        if (_bytes.WrittenCount >= FlushAt)
        {
            FlushBytes();
        }
    }

    /// <summary>One frame as a readable block and an empty line (<see cref="DecodeTextWriter"/>).</summary>
    public void WriteText(DecodedFrame frame)
    {
        DecodeTextWriter.Write(_text, frame);
        _text.WriteLine();
    }

    /// <summary>Hands everything formatted so far to standard output.</summary>
    public void Flush()
    {
        FlushBytes();
        _text.Flush();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
        if (!ReferenceEquals(_text, _output))
        {
            _text.Dispose();
        }
    }

    private void FlushBytes()
    {
        if (_bytes.WrittenCount == 0)
        {
            return;
        }

        if (_stream is not null)
        {
            _stream.Write(_bytes.WrittenSpan);
            _stream.Flush();
        }
        else
        {
            _output.Write(Encoding.UTF8.GetString(_bytes.WrittenSpan));
        }

        _bytes.ResetWrittenCount();
    }
}
