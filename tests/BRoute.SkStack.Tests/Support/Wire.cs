using System.Net;
using System.Text;

namespace BRoute.SkStack.Tests.Support;

/// <summary>Values from the reference files used across tests.</summary>
internal static class Wire
{
    /// <summary>The meter in the seed trace.</summary>
    public const string MeterText = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";

    /// <summary>The dongle in the seed trace.</summary>
    public const string OwnText = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88";

    public static readonly IPAddress Meter = IPAddress.Parse(MeterText);

    public static readonly IPAddress Own = IPAddress.Parse(OwnText);

    /// <summary>The E7 Get request of seed-trace-decoded.md §6 (14 bytes).</summary>
    public static readonly byte[] GetE7 = Convert.FromHexString("1081000105FF010288016201E700");

    public static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
