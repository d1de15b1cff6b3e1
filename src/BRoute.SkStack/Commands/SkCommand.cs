using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Commands;

/// <summary>
/// One SKSTACK command with its exact wire bytes and the reply that completes it. Build with the static factories
/// (they validate every argument and format numbers as the dongle expects); write with <see cref="WriteTo"/>.
/// <see cref="ToString"/> and <see cref="DisplayText"/> mask the password and the B-route ID.
/// </summary>
public sealed partial class SkCommand
{
    /// <summary>Largest SKSENDTO payload (0x04D0, skstack.md §3).</summary>
    public const int MaxSendLength = 0x04D0;

    private readonly string[] _arguments;
    private readonly int _secretIndex;

    private SkCommand(string name, string[] arguments, SkReplyKind reply, SkLineTerminator terminator = SkLineTerminator.CrLf, int secretIndex = -1)
    {
        Name = name;
        _arguments = arguments;
        Reply = reply;
        Terminator = terminator;
        _secretIndex = secretIndex;
    }

    /// <summary>The command word, e.g. <c>SKSENDTO</c>. Safe to show anywhere.</summary>
    public string Name { get; }

    /// <summary>What completes the command.</summary>
    public SkReplyKind Reply { get; }

    /// <summary>What ends the command on the wire.</summary>
    public SkLineTerminator Terminator { get; }

    /// <summary>SKSENDTO: the raw datagram written after the LEN token.</summary>
    public ReadOnlyMemory<byte> Payload { get; private init; }

    /// <summary>SKSENDTO: the destination whose EVENT 21 belongs to this command.</summary>
    public IPAddress? Destination { get; private init; }

    /// <summary>SKSCAN / SKSENDTO: whether the SIDE argument is present.</summary>
    public bool HasSideArgument { get; private init; }

    /// <summary>The command as text with secrets masked, e.g. <c>SKSETPWD C ************</c>.</summary>
    public string DisplayText
    {
        get
        {
            var text = new StringBuilder(Name);
            for (var i = 0; i < _arguments.Length; i++)
            {
                text.Append(' ');
                text.Append(i == _secretIndex ? new string('*', _arguments[i].Length) : _arguments[i]);
            }

            if (Name == "SKSENDTO")
            {
                text.Append(" [").Append(Payload.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes ")
                    .Append(Convert.ToHexString(Payload.Span)).Append(']');
            }

            return text.ToString();
        }
    }

    /// <summary>Number of bytes <see cref="WriteTo"/> writes.</summary>
    public int ByteCount
    {
        get
        {
            var n = Name.Length;
            foreach (var argument in _arguments)
            {
                n += 1 + argument.Length;
            }

            if (Name == "SKSENDTO")
            {
                n += 1 + Payload.Length;
            }

            return n + Terminator switch
            {
                SkLineTerminator.CrLf => 2,
                SkLineTerminator.Cr => 1,
                _ => 0,
            };
        }
    }

    /// <summary>Writes the exact wire bytes.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(ByteCount);
        var n = Encoding.ASCII.GetBytes(Name, span);
        foreach (var argument in _arguments)
        {
            span[n++] = (byte)' ';
            n += Encoding.ASCII.GetBytes(argument, span[n..]);
        }

        if (Name == "SKSENDTO")
        {
            // "LEN " then exactly LEN raw bytes; no terminator (skstack.md §3, §9).
            span[n++] = (byte)' ';
            Payload.Span.CopyTo(span[n..]);
            n += Payload.Length;
        }

        switch (Terminator)
        {
            case SkLineTerminator.CrLf:
                span[n++] = (byte)'\r';
                span[n++] = (byte)'\n';
                break;
            case SkLineTerminator.Cr:
                span[n++] = (byte)'\r';
                break;
        }

        writer.Advance(n);
    }

    /// <summary>The exact wire bytes as a new array.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(ByteCount);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => DisplayText;

    internal static string Hex(ulong value, int digits) => value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    internal static string Hex(ulong value) => value.ToString("X", CultureInfo.InvariantCulture);
}
