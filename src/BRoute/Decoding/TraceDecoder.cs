using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.SkStack.Items;
using BRoute.SkStack.Parsing;

namespace BRoute.Decoding;

/// <summary>
/// Explains what a user pastes: <c>ERXUDP</c> lines in any dongle layout (9, 10 or 11 tokens,
/// ASCII-hex data) and bare hex ECHONET Lite frames, one per line. Other lines are skipped and
/// counted, so a whole serial log can be fed in. Stateful across lines: D3 (coefficient) and E1
/// (unit) seen in a meter frame apply to the kWh values of later lines, unless fixed by the caller;
/// the date of the latest EA/EB/D0 timestamp serves as the meter's "today" for E2/E4 slots.
/// </summary>
public sealed class TraceDecoder
{
    private const string ErxudpToken = "ERXUDP";
    private readonly decimal? _fixedCoefficient;
    private readonly byte? _fixedUnit;
    private readonly SkAddressCache _addresses = new();
    private EnergyScale _scale;
    private DateOnly? _meterToday;
    private int? _rawShownAtLine;
    private int? _unitLearnedAtLine;
    private char[] _chars = new char[256];

    /// <param name="coefficient">A fixed coefficient (D3), or null to learn it from the input.</param>
    /// <param name="unitCode">A fixed unit code (E1), or null to learn it from the input.</param>
    public TraceDecoder(decimal? coefficient = null, byte? unitCode = null)
    {
        if (unitCode is byte u && !EnergyUnit.IsDefined(u))
        {
            throw new ArgumentOutOfRangeException(nameof(unitCode), u, $"0x{u:X2} is not a defined unit code (E1): use 0x00–0x04 or 0x0A–0x0D");
        }

        _fixedCoefficient = coefficient;
        _fixedUnit = unitCode;
        _scale = new EnergyScale(coefficient, unitCode);
    }

    /// <summary>Frames decoded so far.</summary>
    public int DecodedCount { get; private set; }

    /// <summary>Lines skipped so far (neither ERXUDP nor hex).</summary>
    public int SkippedCount { get; private set; }

    /// <summary>Lines that looked like a frame but did not decode, or carried an invalid value.</summary>
    public int FailedCount { get; private set; }

    /// <summary>
    /// When a kWh value was shown as a raw count because no unit (E1) was known yet, and an E1
    /// turned up later in the input: a hint to decode again with the scale fixed; otherwise null.
    /// </summary>
    public string? LateScaleHint =>
        _rawShownAtLine is int raw && _unitLearnedAtLine is int learned && learned > raw
            ? $"line {raw} showed energy as a raw count because the unit (E1) only appeared at line {learned}; " +
              $"decode again with --unit 0x{_scale.UnitCode:X2} --coefficient {_scale.EffectiveCoefficient.ToString(CultureInfo.InvariantCulture)} to see kWh everywhere"
            : null;

    /// <summary>The scale in force for the next line.</summary>
    public EnergyScale Scale => _scale;

    /// <summary>Classifies and decodes one line.</summary>
    public TraceLine Decode(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Decode(line.AsSpan(), lineNumber);
    }

    /// <summary>Classifies and decodes one line (e.g. from <see cref="TraceLineReader"/>, without a string per line).</summary>
    public TraceLine Decode(ReadOnlySpan<char> line, int lineNumber) => Count(Classify(line, lineNumber));

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{char}, int)"/> for a line of ASCII bytes (from <see cref="Utf8TraceLineReader"/>),
    /// with the same result: an ERXUDP line in the dongle's own form goes from its bytes to the frame, any other line
    /// through its characters.
    /// </summary>
    public TraceLine DecodeAscii(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (!System.Text.Ascii.IsValid(line))
        {
            throw new ArgumentException("the line is not ASCII: decode its characters instead", nameof(line));
        }

        if (line.StartsWith("ERXUDP "u8) && ErxudpLine.TryParseCanonical(line, _addresses, out var erxudp))
        {
            return Count(DecodeFrame(lineNumber, erxudp!, erxudp!.Data));
        }

        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        var chars = _chars.AsSpan(0, line.Length);
        System.Text.Ascii.ToUtf16(line, chars, out _);
        return Decode(chars, lineNumber);
    }

    private TraceLine Count(TraceLine result)
    {
        switch (result)
        {
            case TraceLine.Skipped:
                SkippedCount++;
                break;
            case TraceLine.Failed:
                FailedCount++;
                break;
            case TraceLine.Decoded d:
                DecodedCount++;
                if (HasError(d.Frame.Values) || HasError(d.Frame.GetValues))
                {
                    FailedCount++;
                }

                break;
        }

        return result;
    }

    /// <summary>
    /// A line longer than <see cref="TraceLineReader.MaxLineLength"/>, which no ERXUDP line or frame is: counted as
    /// failed, its text never looked at.
    /// </summary>
    public TraceLine TooLong(int lineNumber, long length)
    {
        FailedCount++;
        return new TraceLine.Failed(lineNumber, string.Create(CultureInfo.InvariantCulture,
            $"the line is {length:N0} characters long, more than any ERXUDP line ({TraceLineReader.MaxLineLength:N0} at most, a 65,535-byte payload in hex); skipped"));
    }

    private TraceLine Classify(ReadOnlySpan<char> line, int lineNumber)
    {
        if (ErxudpStart(line) is int at)
        {
            if (!ErxudpLine.TryParse(line[at..], _addresses, out var erxudp, out var error))
            {
                return new TraceLine.Failed(lineNumber, error!);
            }

            return DecodeFrame(lineNumber, erxudp!, erxudp!.Data);
        }

        if (!HexFrameText.LooksLikeHex(line))
        {
            return new TraceLine.Skipped(lineNumber);
        }

        if (!HexFrameText.TryParse(line.ToString(), out var bytes, out var hexError))
        {
            return new TraceLine.Failed(lineNumber, hexError!);
        }

        return DecodeFrame(lineNumber, null, bytes!);
    }

    // An ERXUDP line starts with the token, or carries it after a partially echoed command
    // ("SKSENDTOERXUDP FE80:…", skstack.md §1 echo glue); then an IPv6 sender follows. A mere
    // mention of the word in other text is not one.
    private static int? ErxudpStart(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith(ErxudpToken, StringComparison.Ordinal))
        {
            return line.Length - trimmed.Length;
        }

        var from = 0;
        while (line[from..].IndexOf(ErxudpToken + " ", StringComparison.Ordinal) is var found and >= 0)
        {
            var at = from + found;
            var rest = line[(at + ErxudpToken.Length + 1)..];
            var end = rest.IndexOf(' ');
            var sender = end < 0 ? rest : rest[..end];
            if (sender.Contains(':') && sender.ContainsAnyExcept(':') && !sender.ContainsAnyExcept("0123456789ABCDEFabcdef:"))
            {
                return at;
            }

            from = at + 1;
        }

        return null;
    }

    private TraceLine DecodeFrame(int lineNumber, Erxudp? transport, ReadOnlyMemory<byte> data)
    {
        if (!FrameCodec.TryDecode(data, out var frame, out var error))
        {
            var where = transport is null ? "frame" : "ERXUDP data";
            return new TraceLine.Failed(lineNumber, $"{where} is not a valid ECHONET Lite frame: {error!.Problem} (at byte {error.Offset.ToString(CultureInfo.InvariantCulture)})");
        }

        Learn(frame, lineNumber);
        var owner = frame.PropertyOwner.ClassCode;
        var (first, second) = ValueHalves(frame.Esv);
        var values = first ? Decode(owner, frame.Properties) : null;
        var getValues = second ? Decode(owner, frame.GetProperties) : null;
        LearnToday(values);
        LearnToday(getValues);
        if (_rawShownAtLine is null && (HasUnknownUnit(values) || HasUnknownUnit(getValues)))
        {
            _rawShownAtLine = lineNumber;
        }
        return new TraceLine.Decoded(new DecodedFrame(lineNumber, transport, frame, values, getValues));
    }

    private static bool HasError(IReadOnlyList<DecodedProperty>? values)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i].IsError)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUnknownUnit(IReadOnlyList<DecodedProperty>? values)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i].Unit == "unknown")
            {
                return true;
            }
        }

        return false;
    }

    // Which property lists carry values (echonet-lite.md §5, §6); the others only name EPCs.
    private static (bool First, bool Second) ValueHalves(Esv esv) => esv switch
    {
        Esv.GetRes or Esv.Inf or Esv.InfC or Esv.GetSna or Esv.InfSna or Esv.SetI or Esv.SetC => (true, false),
        Esv.SetGet => (true, false),
        Esv.SetGetRes or Esv.SetGetSna => (false, true),
        _ => (false, false),
    };

    private DecodedProperty[] Decode(ushort classCode, IReadOnlyList<EchonetProperty> blocks)
    {
        var result = new DecodedProperty[blocks.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = MeterPropertyDecoder.Decode(classCode, blocks[i], _scale, _meterToday);
        }

        return result;
    }

    // D3/E1 of a meter value-carrying frame apply from now on (and to the rest of this frame).
    private void Learn(EchonetFrame frame, int lineNumber)
    {
        if (frame.PropertyOwner.ClassCode != PropertyCatalog.SmartMeterClass || frame.Esv.IsRequest())
        {
            return;
        }

        var learned = _scale.With(frame.Esv.IsSetGet() ? frame.GetProperties : frame.Properties);
        if (!_scale.IsUnitKnown && learned.IsUnitKnown)
        {
            _unitLearnedAtLine = lineNumber;
        }

        _scale = new EnergyScale(_fixedCoefficient ?? learned.Coefficient, _fixedUnit ?? learned.UnitCode);
    }

    // The meter's latest fixed-time or one-minute timestamp tells its "today" for E2/E4 slots.
    private void LearnToday(IReadOnlyList<DecodedProperty>? values)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            DateTime? t = value.Value switch
            {
                TimedEnergyValue v => v.Timestamp,
                OneMinuteEnergyValue v => v.Timestamp,
                _ => null,
            };
            if (t is DateTime time)
            {
                _meterToday = DateOnly.FromDateTime(time);
            }
        }
    }
}
