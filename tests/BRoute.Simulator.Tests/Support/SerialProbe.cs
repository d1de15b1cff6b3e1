using System.Text;

namespace BRoute.Simulator.Tests.Support;

/// <summary>
/// The client end of a test: writes bytes, reads what the dongle wrote with a timeout (never a fixed sleep),
/// and compares exact bytes. Text is Latin-1 so binary payload bytes map 1:1 to chars.
/// </summary>
internal sealed class SerialProbe : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Stream _stream;
    private readonly StringBuilder _buffer = new();

    public SerialProbe(Stream stream) => _stream = stream;

    public static Encoding Latin1 => Encoding.Latin1;

    public void Write(string text) => _stream.Write(Latin1.GetBytes(text));

    public void Write(byte[] bytes) => _stream.Write(bytes);

    /// <summary>Sends SKSENDTO with a raw payload (A1 or dual-side header).</summary>
    public void SendTo(string ip, byte[] payload, string sec = "1", bool dualSide = false, string trailer = "")
    {
        var header = dualSide
            ? $"SKSENDTO 1 {ip} 0E1A {sec} 0 {payload.Length:X4} "
            : $"SKSENDTO 1 {ip} 0E1A {sec} {payload.Length:X4} ";
        Write([.. Latin1.GetBytes(header), .. payload, .. Latin1.GetBytes(trailer)]);
    }

    /// <summary>Reads exactly as many bytes as <paramref name="expected"/> has and asserts they are equal.</summary>
    public async Task ExpectAsync(string expected)
    {
        var actual = await ReadAsync(expected.Length);
        Assert.Equal(expected, actual);
    }

    /// <summary>Reads exactly <paramref name="n"/> characters.</summary>
    public async Task<string> ReadAsync(int n)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (_buffer.Length < n)
        {
            await FillAsync(cts.Token, $"waiting for {n} bytes, have {_buffer.Length}: {Printable(_buffer.ToString())}");
        }

        var text = _buffer.ToString(0, n);
        _buffer.Remove(0, n);
        return text;
    }

    /// <summary>Reads until <paramref name="marker"/> has been seen; returns everything up to and including it.</summary>
    public async Task<string> ReadUntilAsync(string marker, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var text = _buffer.ToString();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _buffer.Remove(0, at + marker.Length);
                return text[..(at + marker.Length)];
            }

            await FillAsync(cts.Token, $"waiting for '{Printable(marker)}', have: {Printable(text)}");
        }
    }

    /// <summary>Reads the next full line (with its CRLF).</summary>
    public Task<string> ReadLineAsync() => ReadUntilAsync("\r\n");

    /// <summary>
    /// Everything the simulator has written so far and not consumed yet, without waiting: the in-memory line
    /// delivers synchronously, so after a fake-clock Advance this is complete.
    /// </summary>
    public string Pending
    {
        get
        {
            if (_stream is BRoute.Simulator.Hosting.InMemorySerialStream memory)
            {
                _buffer.Append(Latin1.GetString(memory.TakeAvailable()));
            }

            return _buffer.ToString();
        }
    }

    /// <summary>Consumes and returns everything pending.</summary>
    public string TakePending()
    {
        var text = Pending;
        _buffer.Clear();
        return text;
    }

    /// <summary>
    /// Proves nothing else is pending: sends SKVER-like probe and expects its answer to come next.
    /// </summary>
    public async Task ExpectQuietAsync(string probe, string answer)
    {
        Write(probe);
        await ExpectAsync(answer);
    }

    /// <summary>Waits until the stream ends (EOF).</summary>
    public async Task ExpectEofAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buf = new byte[256];
        while (await _stream.ReadAsync(buf, cts.Token) > 0)
        {
        }
    }

    private async Task FillAsync(CancellationToken ct, string what)
    {
        var buf = new byte[4096];
        int n;
        try
        {
            n = await _stream.ReadAsync(buf, ct);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(what);
        }

        if (n == 0)
        {
            throw new EndOfStreamException(what);
        }

        _buffer.Append(Latin1.GetString(buf, 0, n));
    }

    public static string Printable(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose() => _stream.Dispose();
}
