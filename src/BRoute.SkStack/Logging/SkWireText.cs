using System.Buffers;
using System.Text;

namespace BRoute.SkStack.Logging;

/// <summary>
/// Renders wire bytes as one printable line for traces, previews and echo items: printable ASCII as is, CR/LF as
/// <c>\r</c>/<c>\n</c>, anything else as <c>\xNN</c>; the password of SKSETPWD and the ID of SKSETRBID masked with
/// <c>*</c> wherever they appear (commands sent, echoes received, garbled lines), and the pairing ID of an EPANDESC
/// <c>PairID:</c> line (the last 8 characters of the B-route ID).
/// </summary>
public static class SkWireText
{
    private static ReadOnlySpan<byte> SetPassword => "SKSETPWD"u8;

    private static ReadOnlySpan<byte> SetRouteBId => "SKSETRBID"u8;

    // The EPANDESC line "  PairID:XXXXXXXX" (skstack.md): the last 8 characters of the B-route ID.
    private static ReadOnlySpan<byte> PairId => "PairID:"u8;

    /// <summary>Renders <paramref name="bytes"/>, masking secrets; at most <paramref name="maxChars"/> characters plus an ellipsis note.</summary>
    public static string Format(ReadOnlySequence<byte> bytes, int maxChars = 160)
    {
        if (bytes.IsSingleSegment)
        {
            return Format(bytes.FirstSpan, maxChars);
        }

        var shown = (int)Math.Min(bytes.Length, maxChars);
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(shown, 1));
        try
        {
            bytes.Slice(0, shown).CopyTo(copy);
            return Render(copy.AsSpan(0, shown), bytes.Length - shown, maxChars);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Renders <paramref name="bytes"/>, masking secrets; at most <paramref name="maxChars"/> characters plus an ellipsis note.</summary>
    public static string Format(ReadOnlySpan<byte> bytes, int maxChars = 160)
    {
        var shown = Math.Min(bytes.Length, maxChars);
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(shown, 1));
        try
        {
            bytes[..shown].CopyTo(copy);
            return Render(copy.AsSpan(0, shown), bytes.Length - shown, maxChars);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Renders printable ASCII exactly (used for echo lines); secrets masked; other bytes escaped.</summary>
    public static string FormatLine(ReadOnlySpan<byte> line) => Format(line, int.MaxValue);

    /// <summary>
    /// Masks and renders a private copy of the first bytes; <paramref name="notCopied"/> bytes followed them. Every byte
    /// renders as at least one character, so bytes past <c>maxChars</c> could never be shown and are not copied.
    /// </summary>
    private static string Render(Span<byte> span, long notCopied, int maxChars)
    {
        MaskSecrets(span);
        var text = new StringBuilder(Math.Min(span.Length, maxChars) + 16);
        var i = 0;
        for (; i < span.Length && text.Length < maxChars; i++)
        {
            var b = span[i];
            switch (b)
            {
                case (byte)'\r':
                    text.Append("\\r");
                    break;
                case (byte)'\n':
                    text.Append("\\n");
                    break;
                case (byte)'\\':
                    text.Append("\\\\");
                    break;
                case >= 0x20 and < 0x7F:
                    text.Append((char)b);
                    break;
                default:
                    text.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        var hidden = span.Length - i + notCopied;
        if (hidden > 0)
        {
            text.Append("…(+").Append(hidden).Append(" bytes)");
        }

        return text.ToString();
    }

    /// <summary>
    /// Overwrites with <c>*</c> the password token of every <c>SKSETPWD &lt;LEN&gt; &lt;PWD&gt;</c> and the ID token of every
    /// <c>SKSETRBID &lt;ID&gt;</c>, and the value of every EPANDESC <c>PairID:&lt;PAIRID&gt;</c> in <paramref name="bytes"/>
    /// (up to the next space, CR or LF).
    /// </summary>
    public static void MaskSecrets(Span<byte> bytes)
    {
        MaskAfter(bytes, SetPassword, tokensToSkip: 1);
        MaskAfter(bytes, SetRouteBId, tokensToSkip: 0);
        MaskAfter(bytes, PairId, tokensToSkip: 0);
    }

    private static void MaskAfter(Span<byte> bytes, ReadOnlySpan<byte> keyword, int tokensToSkip)
    {
        var from = 0;
        while (from < bytes.Length)
        {
            var at = bytes[from..].IndexOf(keyword);
            if (at < 0)
            {
                return;
            }

            var i = from + at + keyword.Length;
            for (var t = 0; t <= tokensToSkip; t++)
            {
                while (i < bytes.Length && bytes[i] == (byte)' ')
                {
                    i++;
                }

                if (t == tokensToSkip)
                {
                    break;
                }

                while (i < bytes.Length && bytes[i] is not ((byte)' ' or (byte)'\r' or (byte)'\n'))
                {
                    i++;
                }
            }

            while (i < bytes.Length && bytes[i] is not ((byte)' ' or (byte)'\r' or (byte)'\n'))
            {
                bytes[i++] = (byte)'*';
            }

            from = i;
        }
    }
}
