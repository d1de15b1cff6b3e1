using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BRoute.Simulator.Hosting;

/// <summary>
/// The <c>--log</c> file: the serial dialogue, one line per line, <c>&lt;</c> for what the client sent and
/// <c>&gt;</c> for what the dongle wrote, with non-printable bytes as \xNN. The B-route ID and password are
/// masked wherever they appear (SKSETPWD/SKSETRBID arguments, echo, EPANDESC's PairID (the ID's last 8 characters),
/// and any known secret).
/// </summary>
public sealed partial class SerialLog : IDisposable
{
    private const string Mask = "********";
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly StringBuilder _outputLine = new();
    private readonly List<string> _secrets = [];
    private readonly Lock _lock = new();

    public SerialLog(TextWriter writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <summary>Adds a value that must never appear in the log.</summary>
    public void AddSecret(string secret)
    {
        lock (_lock)
        {
            if (secret.Length >= 4 && !_secrets.Contains(secret))
            {
                _secrets.Add(secret);
            }
        }
    }

    /// <summary>A command the dongle received (payload of SKSENDTO as hex).</summary>
    public void Input(string text, byte[]? data)
    {
        var line = data is null ? text : $"{text}[{data.Length} bytes] {Convert.ToHexString(data)}";
        WriteLine('<', line);
    }

    /// <summary>Bytes the dongle wrote; whole lines are logged as they complete.</summary>
    public void Output(ReadOnlySpan<byte> block)
    {
        lock (_lock)
        {
            foreach (var b in block)
            {
                if (b == '\n')
                {
                    var line = _outputLine.ToString().TrimEnd('\r');
                    _outputLine.Clear();
                    WriteLine('>', line);
                }
                else if (b is >= 0x20 and < 0x7F || b == '\r')
                {
                    _outputLine.Append((char)b);
                }
                else
                {
                    _outputLine.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
                }
            }
        }
    }

    /// <summary>A note from the simulator itself.</summary>
    public void Note(string text) => WriteLine('#', text);

    private void WriteLine(char direction, string line)
    {
        lock (_lock)
        {
            var masked = Sanitize(line);
            _writer.WriteLine($"{_time.GetUtcNow():HH:mm:ss.fff} {direction} {masked}");
            _writer.Flush();
        }
    }

    /// <summary>Masks credentials in a line.</summary>
    public string Sanitize(string line)
    {
        lock (_lock)
        {
            line = PasswordCommand().Replace(line, m => m.Groups[1].Value + Mask);
            line = IdCommand().Replace(line, m => m.Groups[1].Value + Mask);
            line = PairIdLine().Replace(line, m => m.Groups[1].Value + Mask);
            foreach (var s in _secrets)
            {
                line = line.Replace(s, Mask, StringComparison.Ordinal);
            }

            return line;
        }
    }

    public void Dispose() => _writer.Dispose();

    [GeneratedRegex(@"(SKSETPWD +\S+ +)\S+")]
    private static partial Regex PasswordCommand();

    [GeneratedRegex(@"(SKSETRBID +)\S+")]
    private static partial Regex IdCommand();

    // EPANDESC's PairID is the last 8 characters of the B-route ID (the CLI masks it too).
    [GeneratedRegex(@"(PairID:)\S+")]
    private static partial Regex PairIdLine();
}
