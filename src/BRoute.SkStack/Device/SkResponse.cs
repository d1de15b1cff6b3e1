using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Device;

/// <summary>What completed a command: the reply lines before the status, the status, the SKSENDTO result.</summary>
/// <param name="Lines">EVER/EAPPVER/EINFO/ESREG, the SKLL64 address, table header and rows — in order.</param>
/// <param name="Ok">The OK line; null for SKLL64 (which has none).</param>
/// <param name="SendResult">SKSENDTO: PARAM of the last EVENT 21 for the destination before OK; null if none came.</param>
public sealed record SkResponse(IReadOnlyList<SkItem> Lines, SkOk? Ok, UdpSendResult? SendResult);
