using System.Buffers.Binary;
using System.Net;
using BRoute.EchonetLite.Frames;

namespace BRoute.Tests.TestSupport;

/// <summary>Byte vectors from seed-trace-decoded.md §6 and echonet-lite.md §10, and helpers around them.</summary>
internal static class Golden
{
    /// <summary>The meter's address in the seed trace (ERXUDP sender).</summary>
    public static readonly IPAddress Meter = IPAddress.Parse("FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99");

    /// <summary>The dongle's own address in the seed trace.</summary>
    public static readonly IPAddress Dongle = IPAddress.Parse("FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88");

    public const ushort Port = 3610;

    public const string InstanceListInf = "108100000EF0010EF0017301D50401028801";
    public const string GetRes80 = "1081000102880105FF017201800130";
    public const string GetResD3 = "1081000102880105FF017201D30400000001";
    public const string GetResD7 = "1081000102880105FF017201D70106";
    public const string GetResE0 = "1081000102880105FF017201E00400015208";
    public const string GetResE1 = "1081000102880105FF017201E10101";
    public const string GetResE7 = "1081000102880105FF017201E70400000274";
    public const string GetResE8 = "1081000102880105FF017201E80400320014";
    public const string GetResEa = "1081000102880105FF017201EA0B07E4030E081E0000015206";
    public const string GetReqE7 = "1081000105FF010288016201E700";

    /// <summary>Qiita RS-WSUHA-P capture: INF of EA + EB at 2023-12-19 00:30:00 (skstack.md §7).</summary>
    public const string InfEaEb = "1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static EchonetFrame Frame(string hex) => FrameCodec.Decode(Bytes(hex));

    /// <summary>The golden frame with its TID replaced.</summary>
    public static EchonetFrame Frame(string hex, ushort tid)
    {
        var bytes = Bytes(hex);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), tid);
        return FrameCodec.Decode(bytes);
    }

    public static string Hex(EchonetFrame frame) => Convert.ToHexString(FrameCodec.Encode(frame));
}
