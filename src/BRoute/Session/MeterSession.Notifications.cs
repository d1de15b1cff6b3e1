using System.Runtime.CompilerServices;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Notifications;

namespace BRoute.Session;

/// <summary>INF/INFC from the meter as an async stream; INFC answered with INFC_Res.</summary>
public sealed partial class MeterSession
{
    /// <summary>
    /// The meter's own announcements from now on (30-minute EA/EB, the D5 instance list after each join, others),
    /// decoded with the session's scale. Each enumeration is one subscriber with its own buffer of
    /// <see cref="MeterSessionOptions.NotificationCapacity"/> (the oldest is dropped and counted when it overflows).
    /// The stream ends when the session closes. INFC frames have already been acknowledged.
    /// </summary>
    public async IAsyncEnumerable<SessionNotification> ReadNotificationsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        var channel = _notifications.Subscribe();
        try
        {
            await foreach (var notification in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return notification;
            }
        }
        finally
        {
            _notifications.Unsubscribe(channel);
        }
    }

    private void OnNotification(EchonetFrame frame)
    {
        if (NotificationRouter.NeedsResponse(frame))
        {
            RespondToInfc(frame);
        }

        var now = _time.GetUtcNow();
        // While D3/E1 are the remembered ones, not yet confirmed by the meter, an energy gets no kWh rather than a wrong one.
        var scale = _scaleUnchecked ? EnergyScale.Unknown : Volatile.Read(ref _meter)?.Scale ?? EnergyScale.Unknown;
        var decoded = MeterPropertyDecoder.DecodeValues(frame, scale, MeterClock.Today(now));
        var notification = new SessionNotification(now, frame.Seoj, frame.Esv, frame.Tid, decoded, NotificationRouter.Route(frame));
        SessionLog.Notification(_logger, frame.Esv.Symbol(), frame.Tid, frame.Seoj.ToString(), string.Join(", ", decoded.Select(d => d.ToString())));
        _notifications.Publish(notification);
    }
}
