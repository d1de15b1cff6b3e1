using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.SkStack.Items;

namespace BRoute.Decoding;

/// <summary>One explained frame: where it came from, the frame, and its decoded property values.</summary>
/// <param name="LineNumber">1-based line of the input it was read from.</param>
/// <param name="Transport">The ERXUDP envelope, or null for a bare hex frame.</param>
/// <param name="Frame">The ECHONET Lite frame.</param>
/// <param name="Values">
/// The decoded values of <see cref="EchonetFrame.Properties"/> when that list carries values (a reply,
/// a notification, a Set request, the Set half of SetGet); null when it only names EPCs (a Get,
/// INF_REQ, Set_Res, INFC_Res, a SetI/SetC_SNA, the Set half of SetGet_Res).
/// </param>
/// <param name="GetValues">The same for <see cref="EchonetFrame.GetProperties"/> (SetGet family only).</param>
public sealed record DecodedFrame(
    int LineNumber,
    Erxudp? Transport,
    EchonetFrame Frame,
    IReadOnlyList<DecodedProperty>? Values,
    IReadOnlyList<DecodedProperty>? GetValues)
{
    /// <summary>Property-level problems (a known EPC with a wrong length or value).</summary>
    public IEnumerable<DecodedProperty> Errors =>
        (Values ?? []).Concat(GetValues ?? []).Where(p => p.IsError);
}
