using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Notifications;

namespace BRoute.Session;

/// <summary>
/// An INF or INFC the meter sent on its own: the 30-minute EA/EB, the D5 instance list after a join, or anything
/// else it announces. <see cref="Properties"/> are decoded with the session's energy scale; <see cref="Notifications"/>
/// are the typed forms of <see cref="NotificationRouter"/>. An INFC has already been answered with INFC_Res.
/// </summary>
/// <param name="ReceivedAt">Arrival time (session clock).</param>
/// <param name="Source">Sending object (0x028801 meter, 0x0EF001 node profile).</param>
/// <param name="Esv">INF (0x73) or INFC (0x74).</param>
/// <param name="Tid">Transaction ID the meter used.</param>
/// <param name="Properties">One decoded property per block.</param>
/// <param name="Notifications">One typed notification per block.</param>
public sealed record SessionNotification(
    DateTimeOffset ReceivedAt,
    Eoj Source,
    Esv Esv,
    ushort Tid,
    IReadOnlyList<DecodedProperty> Properties,
    IReadOnlyList<MeterNotification> Notifications);
