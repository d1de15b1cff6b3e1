using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using BRoute.History;

namespace BRoute.Notifications;

/// <summary>
/// Turns INF/INFC frames (already passed by the reply matcher as notifications) into typed
/// notifications, and builds the INFC_Res an INFC requires. Pure.
/// </summary>
internal static class NotificationRouter
{
    /// <summary>EA/EB EDT: 7-byte date-time + uint32.</summary>
    public const int FixedTimeEnergyLength = FixedTimeEnergyField.Length;

    /// <summary>One notification per property of <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentException">The frame is not an INF or INFC.</exception>
    public static IReadOnlyList<MeterNotification> Route(EchonetFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.Esv.IsNotification())
        {
            throw new ArgumentException($"{frame.Esv.Symbol()} is not a notification (INF or INFC)", nameof(frame));
        }

        var result = new MeterNotification[frame.Properties.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = RouteProperty(frame.Seoj, frame.Properties[i]);
        }

        return result;
    }

    /// <summary>True when <paramref name="frame"/> needs an INFC_Res.</summary>
    public static bool NeedsResponse(EchonetFrame frame) => frame?.Esv == Esv.InfC;

    /// <summary>
    /// The INFC_Res for an INFC (echonet-lite.md §5, §10): same TID, SEOJ/DEOJ swapped, ESV 0x7A, the INFC's EPCs each
    /// with PDC 0. An all-instances DEOJ (0x..00) is answered by a real instance: <paramref name="controller"/> for the
    /// controller class, instance 1 of any other class (the node profile 0EF001).
    /// </summary>
    /// <exception cref="ArgumentException">The frame is not an INFC.</exception>
    public static EchonetFrame BuildInfcResponse(EchonetFrame infc, Eoj? controller = null)
    {
        ArgumentNullException.ThrowIfNull(infc);
        var us = controller ?? Eoj.Controller;
        var target = infc.Deoj;
        Eoj? responder = target.Instance != 0 ? null
            : target.ClassGroup == us.ClassGroup && target.Class == us.Class ? us
            : target with { Instance = 1 };
        return EchonetFrame.CreateInfcResponse(infc, responder);
    }

    private static MeterNotification RouteProperty(Eoj source, EchonetProperty p)
    {
        switch (source.ClassCode, p.Epc)
        {
            case (PropertyCatalog.SmartMeterClass, MeterEpc.CumulativeEnergyFixedTimeNormal or MeterEpc.CumulativeEnergyFixedTimeReverse):
                // Decoded by the meter model (the same decoder as a Get of EA/EB); the raw count is scaled by the caller.
                if (!FixedTimeEnergyField.TryRead(p.Edt.Span, EnergyScale.Unknown, out var at, out var reading, out var problem))
                {
                    return new MalformedNotification(source, p.Epc, problem!);
                }

                return new FixedTimeEnergyNotification(
                    p.Epc == MeterEpc.CumulativeEnergyFixedTimeNormal ? EnergyDirection.Normal : EnergyDirection.Reverse,
                    at is { } local ? new DateTimeOffset(local, MeterClock.Offset) : null,
                    reading.Raw);

            case (PropertyCatalog.NodeProfileClass, NodeProfileEpc.InstanceListNotification):
                return InstanceListCodec.TryDecode(p.Edt.Span, out var instances, out var error)
                    ? new InstanceListNotification(instances)
                    : new MalformedNotification(source, p.Epc, $"D5 data is {p.Pdc} bytes: {error.Message}");

            default:
                return new OtherNotification(source, p);
        }
    }
}
