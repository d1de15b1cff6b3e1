using BRoute.EchonetLite.Frames;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;

namespace BRoute.Simulator;

/// <summary>Things that happen by the meter's clock: the 30-minute EA/EB notification and periodic faults.</summary>
internal sealed partial class SimulatorEngine
{
    /// <summary>
    /// The meter announces EA (and EB when it exports) once per half hour, at a seeded offset of 5–300 s after
    /// hh:00/hh:30 (AIF §3.2.1 window; timing.md §6: no field offsets known).
    /// </summary>
    private void ScheduleNextFixedTimeNotification()
    {
        var now = Clock.Now;
        var boundary = Meter.Model.LatestBoundary(now).AddMinutes(30);
        var offset = TimeSpan.FromSeconds(_notificationRandom.Uniform(5, 300));
        ScheduleSimulated(boundary + offset - now, () =>
        {
            SendFixedTimeNotification();
            ScheduleNextFixedTimeNotification();
        });
    }

    private void SendFixedTimeNotification()
    {
        if (!Meter.Up || !Meter.SessionActive || Faults.Roll(FaultKind.LostInf))
        {
            return;
        }

        var props = new List<EchonetProperty>(2);
        if (Meter.Model.Read(0xEA) is { } ea)
        {
            props.Add(new EchonetProperty(0xEA, ea));
        }

        if (Meter.Model.AnnouncesReverse && Meter.Model.Read(0xEB) is { } eb)
        {
            props.Add(new EchonetProperty(0xEB, eb));
        }

        if (props.Count == 0)
        {
            return;
        }

        var esv = Meter.Options.UseInfc ? Esv.InfC : Esv.Inf;
        var frame = FrameCodec.Encode(new EchonetFrame(Meter.NextNotificationTid(), Eoj.SmartMeter, Eoj.Controller, esv, props));
        Dongle.ReceiveFromMeter(frame, multicast: false, secured: true, foreign: false);
    }

    /// <summary>What each periodic fault does when its spell begins and ends.</summary>
    private (string Kind, Action Begin, Action? End)[] PeriodicFaults() =>
    [
        (FaultKind.TxLimit, () => Dongle.TransmissionLimit(true), () => Dongle.TransmissionLimit(false)),
        (FaultKind.MeterReboot, Meter.GoDown, Meter.ComeUp),
        (FaultKind.MeterTerminate, Dongle.MeterTerminates, null),
        (FaultKind.DongleReset, Dongle.PowerCycle, null),
        (FaultKind.ForgetNeighbour, Dongle.ForgetMeterNeighbour, null),
        (FaultKind.Vanish, () =>
        {
            Dongle.PowerCycle();
            SetVanished(true);
        }, () => SetVanished(false)),
    ];

    private void SchedulePeriodicFaults()
    {
        foreach (var (kind, begin, end) in PeriodicFaults())
        {
            if (Options.Faults.Spells.TryGetValue(kind, out var spell))
            {
                Every(spell, kind, begin, end);
            }
        }
    }

    /// <summary>One spell of a periodic fault, now, lasting <paramref name="duration"/> (caller holds the gate).</summary>
    public void BeginSpell(string kind, TimeSpan duration)
    {
        var (_, begin, end) = PeriodicFaults().FirstOrDefault(f => f.Kind == kind);
        if (begin is null)
        {
            throw new ArgumentException($"'{kind}' is not a periodic fault; known: {string.Join(", ", FaultKind.Periodic)}", nameof(kind));
        }

        Faults.Count(kind);
        begin();
        if (end is not null)
        {
            ScheduleSimulated(duration, end);
        }

        Scheduler.Pump();
    }

    private void Every(FaultSpell spell, string kind, Action begin, Action? end)
    {
        ScheduleSimulated(spell.Period, () =>
        {
            Faults.Count(kind);
            begin();
            if (end is not null)
            {
                ScheduleSimulated(spell.Duration, end);
            }

            Every(spell, kind, begin, end);
        });
    }
}
