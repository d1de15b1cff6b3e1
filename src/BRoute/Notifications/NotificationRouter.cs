using System.Buffers.Binary;
using BRoute.EchonetLite.Frames;
using BRoute.History;

namespace BRoute.Notifications;

/// <summary>
/// Turns INF/INFC frames (already passed by the reply matcher as notifications) into typed
/// notifications, and builds the INFC_Res an INFC requires. Pure.
/// </summary>
public static class NotificationRouter
{
    /// <summary>EA/EB EDT: 7-byte date-time + uint32.</summary>
    public const int FixedTimeEnergyLength = 11;

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
    /// The INFC_Res for an INFC (echonet-lite.md §5, §10): same TID, SEOJ/DEOJ swapped (an
    /// all-instances DEOJ 0x..00 answers as <paramref name="controller"/>), ESV 0x7A, the INFC's EPCs each with PDC 0.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is not an INFC.</exception>
    public static EchonetFrame BuildInfcResponse(EchonetFrame infc, Eoj? controller = null)
    {
        ArgumentNullException.ThrowIfNull(infc);
        if (infc.Esv != Esv.InfC)
        {
            throw new ArgumentException($"only an INFC is answered, not {infc.Esv.Symbol()}", nameof(infc));
        }

        var us = controller ?? Eoj.Controller;
        var seoj = infc.Deoj.Instance == 0 && infc.Deoj.ClassCode == us.ClassCode ? us : infc.Deoj;
        var props = infc.Properties.Select(p => new EchonetProperty(p.Epc)).ToArray();
        return new EchonetFrame(infc.Tid, seoj, infc.Seoj, Esv.InfCRes, props);
    }

    private static MeterNotification RouteProperty(Eoj source, EchonetProperty p)
    {
        switch (source.ClassCode, p.Epc)
        {
            case (0x0288, 0xEA or 0xEB):
                if (p.Pdc != FixedTimeEnergyLength)
                {
                    return new MalformedNotification(source, p.Epc, $"EA/EB data is {p.Pdc} bytes; expected {FixedTimeEnergyLength}");
                }

                var e = p.Edt.Span;
                var at = MeterClock.TryCreate(BinaryPrimitives.ReadUInt16BigEndian(e), e[2], e[3], e[4], e[5], e[6]);
                var raw = BinaryPrimitives.ReadUInt32BigEndian(e[7..]);
                return new FixedTimeEnergyNotification(
                    p.Epc == 0xEA ? EnergyDirection.Normal : EnergyDirection.Reverse,
                    at,
                    raw == HistorySlots.NoData ? null : raw);

            case (0x0EF0, 0xD5):
                var d = p.Edt.Span;
                if (d.Length < 1 || d.Length != 1 + (3 * d[0]) || d[0] > 84)
                {
                    return new MalformedNotification(source, p.Epc, $"D5 data is {d.Length} bytes, which does not fit its count {(d.Length > 0 ? d[0] : 0)} (1 + 3 per instance, at most 84)");
                }

                var list = new Eoj[d[0]];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = new Eoj(d[1 + (3 * i)], d[2 + (3 * i)], d[3 + (3 * i)]);
                }

                return new InstanceListNotification(list);

            default:
                return new OtherNotification(source, p);
        }
    }
}
