using System.Globalization;
using System.Text;
using BRoute.SkStack.Grammar;
using CsCheck;

namespace BRoute.Fuzz.Inputs;

/// <summary>One line a dongle prints, with what the reader must make of it.</summary>
/// <param name="Bytes">the line on the wire, terminator included.</param>
/// <param name="Payload">the ERXUDP data, or null for an OK/FAIL line.</param>
/// <param name="Fail">for a non-ERXUDP line: FAIL (true) or OK (false).</param>
/// <param name="Header">for an ERXUDP line: the text before the data (ASCII-hex form = Header + " " + hex).</param>
public sealed record SkLine(byte[] Bytes, byte[]? Payload, bool Fail, string? Header = null);

/// <summary>
/// Valid SKSTACK output: ERXUDP lines in every layout (9, 10, 11 tokens) and both data modes — binary payloads hold
/// CR, LF and spaces — interleaved with OK and FAIL lines, ended by CR LF, CR or LF. Also the golden lines re-encoded
/// in binary mode, and hostile additions: over-long and unterminated lines, DATALEN at and around the cap.
/// </summary>
public static class SkStreams
{
    private static readonly Gen<byte[]> Payload = Gen.Frequency(
        (6, Gen.Byte.Array[0, 64]),
        (2, Gen.OneOfConst("\r\n"u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray(), " \r\n "u8.ToArray(), "\r\n\r\n"u8.ToArray(), "ERXUDP \r\nOK\r\n"u8.ToArray())
            .Array[1, 8].Select(parts => parts.SelectMany(p => p).ToArray())),
        (1, Gen.Byte.Array[0, 300]));

    private static readonly Gen<byte[]> Terminator = Gen.OneOfConst("\r\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray());

    private static readonly Gen<SkLine> ErxudpLine = Erxudp(Payload);

    /// <summary>ERXUDP lines carrying <paramref name="payload"/>, in a random layout and data mode.</summary>
    public static Gen<SkLine> Erxudp(Gen<byte[]> payload) =>
        Gen.Select(Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[16], Gen.UShort, Gen.UShort, Gen.ULong), Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, payload, Terminator))
            .Select(t =>
            {
                var (sender, dest, rport, lport, mac) = t.Item1;
                var (layout, binary, secured, data, end) = t.Item2;
                var head = new StringBuilder("ERXUDP ")
                    .Append(Ip(sender)).Append(' ').Append(Ip(dest)).Append(' ')
                    .Append(Hex(rport, 4)).Append(' ').Append(Hex(lport, 4)).Append(' ').Append(Hex(mac, 16)).Append(' ');
                if (layout == 2)
                {
                    head.Append(Hex(mac & 0xFF, 2)).Append(' '); // RSSI
                }

                head.Append(secured ? '1' : '0').Append(' ');
                if (layout >= 1)
                {
                    head.Append((mac & 1) == 0 ? '0' : '1').Append(' '); // SIDE
                }

                head.Append(Hex((ulong)data.Length, 4));
                var body = data.Length == 0 ? [] : binary ? data : Encoding.ASCII.GetBytes(Convert.ToHexString(data));
                byte[] line = [.. Encoding.ASCII.GetBytes(head.ToString()), .. data.Length == 0 ? [] : " "u8.ToArray(), .. body, .. end];
                return new SkLine(line, data, Fail: false, head.ToString());
            });

    private static readonly Gen<SkLine> StatusLine = Gen.Select(Gen.Bool, Terminator)
        .Select(t => new SkLine([.. (t.Item1 ? "FAIL ER04"u8 : "OK"u8), .. t.Item2], null, t.Item1));

    /// <summary>Valid lines, 0–40 of them.</summary>
    public static readonly Gen<SkLine[]> Valid = Gen.Frequency((3, ErxudpLine), (1, StatusLine)).Array[0, 40];

    /// <summary>Chunk sizes: mostly small (serial reads), sometimes large (a pty or TCP read).</summary>
    public static readonly Gen<int[]> Chunking = Gen.Frequency((2, Gen.Int[1, 16]), (4, Gen.Int[17, 600]), (2, Gen.Int[601, 70_000])).Array[1, 6];

    /// <summary>The golden lines in ASCII-hex (as printed) and in binary mode (the same frame as raw bytes).</summary>
    public static IReadOnlyList<byte[]> GoldenLines { get; } = GoldenVectors.ErxudpLines
        .SelectMany(l =>
        {
            var cut = l.LastIndexOf(' ') + 1;
            return new[] { GoldenVectors.Wire(l), [.. Encoding.ASCII.GetBytes(l[..cut]), .. Convert.FromHexString(l[cut..]), .. "\r\n"u8] };
        })
        .ToArray();

    /// <summary>Seeds for the mutations: the serial log, the golden lines one by one and all of them in a row.</summary>
    public static IReadOnlyList<byte[]> Seeds { get; } =
        [GoldenVectors.SerialLog, .. GoldenLines, GoldenLines.SelectMany(l => l).ToArray()];

    /// <summary>A hostile addition: an over-long line, an unterminated tail, or an ERXUDP whose DATALEN is at or past the cap.</summary>
    public static Gen<byte[]> Hostile(int maxLineLength, int maxPayloadLength) => Gen.OneOf(
        Gen.Select(Gen.Int[maxLineLength - 2, (3 * maxLineLength) + 2], Gen.Byte[0x20, 0x7E], Gen.Bool)
            .Select(t => Repeat(t.Item2, t.Item1, t.Item3 ? "\r\n"u8 : [])),
        Gen.Select(Gen.Int[-1, 1], Gen.Bool, Gen.Bool).Select(t =>
        {
            var (delta, binary, terminated) = t;
            var length = maxPayloadLength + delta;
            var head = Encoding.ASCII.GetBytes($"ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 {Hex((ulong)length, 4)} ");
            byte[] line = [.. head, .. Repeat(binary ? (byte)'\n' : (byte)'A', binary ? length : 2 * length, terminated ? "\r\n"u8 : [])];
            return line;
        }),
        Gen.Select(Gen.Int[1, 65_535], Gen.Bool).Select(t =>
            Encoding.ASCII.GetBytes($"ERXUDP FE80::1 FE80::2 0E1A 0E1A 00808700301224EF 1 {Hex((ulong)t.Item1, 4)} " + (t.Item2 ? new string('F', 3000) : string.Empty))));

    public static string Ip(byte[] b) =>
        string.Join(':', Enumerable.Range(0, 8).Select(i => ((b[2 * i] << 8) | b[(2 * i) + 1]).ToString("X4", CultureInfo.InvariantCulture)));

    private static string Hex(ulong value, int digits) => value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)[^digits..];

    private static byte[] Repeat(byte b, int count, ReadOnlySpan<byte> tail)
    {
        var result = new byte[Math.Max(0, count) + tail.Length];
        result.AsSpan(0, Math.Max(0, count)).Fill(b);
        tail.CopyTo(result.AsSpan(Math.Max(0, count)));
        return result;
    }
}
