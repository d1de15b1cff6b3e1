using System.Globalization;
using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>Formats the dongle's output lines exactly as the firmware prints them (skstack.md §5–§7).</summary>
internal static class SkLines
{
    public static readonly byte[] CrLf = "\r\n"u8.ToArray();

    public static string Ip(IPAddress address) => SkAddress.FormatIPv6(address);

    public static string Hex2(int v) => v.ToString("X2", CultureInfo.InvariantCulture);

    public static string Hex4(int v) => v.ToString("X4", CultureInfo.InvariantCulture);

    public static string Hex16(ulong v) => v.ToString("X16", CultureInfo.InvariantCulture);

    /// <summary><c>EVENT NN IP [SIDE] [PARAM]</c>; C0/C2 print the SIDE digit on every event.</summary>
    public static string Event(SkEventCode code, IPAddress address, bool dualSide, byte? param = null)
    {
        var sb = new StringBuilder("EVENT ").Append(Hex2((byte)code)).Append(' ').Append(Ip(address));
        if (dualSide)
        {
            sb.Append(" 0");
        }

        if (param is { } p)
        {
            sb.Append(' ').Append(Hex2(p));
        }

        return sb.Append("\r\n").ToString();
    }

    /// <summary>One ERXUDP line in the family's layout and the current data mode, as a single block.</summary>
    public static byte[] Erxudp(
        ErxudpLayout layout, ErxudpDataMode mode, IPAddress sender, IPAddress dest, ushort rport, ushort lport,
        ulong senderLla, byte lqi, bool secured, ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder("ERXUDP ")
            .Append(Ip(sender)).Append(' ').Append(Ip(dest)).Append(' ')
            .Append(Hex4(rport)).Append(' ').Append(Hex4(lport)).Append(' ').Append(Hex16(senderLla)).Append(' ');
        if (layout == ErxudpLayout.ElevenTokensWithRssiAndSide)
        {
            sb.Append(Hex2(lqi)).Append(' ');
        }

        sb.Append(secured ? '1' : '0').Append(' ');
        if (layout != ErxudpLayout.NineTokens)
        {
            sb.Append("0 ");
        }

        sb.Append(Hex4(data.Length)).Append(' ');
        var head = Encoding.ASCII.GetBytes(sb.ToString());
        if (mode == ErxudpDataMode.AsciiHex)
        {
            var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(data));
            return [.. head, .. hex, .. CrLf];
        }

        return [.. head, .. data, .. CrLf];
    }

    /// <summary>EVENT 20 and its EPANDESC block (one write).</summary>
    public static string PanDescriptor(IPAddress own, bool dualSide, byte channel, ushort panId, ulong mac, byte lqi, string? pairId)
    {
        var sb = new StringBuilder(Event(SkEventCode.BeaconReceived, own, dualSide))
            .Append("EPANDESC\r\n")
            .Append("  Channel:").Append(Hex2(channel)).Append("\r\n")
            .Append("  Channel Page:09\r\n")
            .Append("  Pan ID:").Append(Hex4(panId)).Append("\r\n")
            .Append("  Addr:").Append(Hex16(mac)).Append("\r\n")
            .Append("  LQI:").Append(Hex2(lqi)).Append("\r\n");
        if (dualSide)
        {
            sb.Append("  Side:0\r\n");
        }

        if (pairId is not null)
        {
            sb.Append("  PairID:").Append(pairId).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>Parses an upper- or lower-case hex token of 1..<paramref name="maxDigits"/> digits.</summary>
    public static bool TryHex(string token, int maxDigits, out ulong value)
    {
        value = 0;
        return token.Length >= 1 && token.Length <= maxDigits
            && ulong.TryParse(token, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
