using System.Globalization;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.Watch;

/// <summary>The lines <c>broute watch</c> prints for the monitor's events, in plain words (no internal state or type names).</summary>
internal static class WatchLines
{
    /// <summary>"08:30:05" in JST, the meter's time zone.</summary>
    public static string Clock(DateTimeOffset instant) => MeterClock.ToMeterTime(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A line for a change of the link after the first connect: when it is lost and what the monitor does, when
    /// readings resume; null for a change not worth a line.
    /// </summary>
    public static string? State(MonitorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var at = Clock(state.Since);
        return state.Kind switch
        {
            MonitorStateKind.Connected => $"{at}  link restored: readings resume",
            MonitorStateKind.Outage or MonitorStateKind.Connecting => $"{at}  link lost: {state.Reason}",
            MonitorStateKind.Reauthenticating => $"{at}  {state.Reason}",
            MonitorStateKind.TransmitPaused => $"{at}  {state.Reason}" + (state.Until is { } until ? $" (at the latest {Clock(until)})" : string.Empty),
            _ => null,
        };
    }

    /// <summary>"10:30:02  half hour to 10:30: import 8000.3 kWh, export 12.1 kWh" (cumulative registers at the slot's end).</summary>
    public static string HalfHour(DateTimeOffset receivedAt, HalfHour slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var text = $"{Clock(receivedAt)}  half hour to {MeterClock.ToMeterTime(slot.SlotEnd).ToString("HH:mm", CultureInfo.InvariantCulture)}: import {Energy(slot.Import)}";
        return slot.Export.IsAbsent ? text : $"{text}, export {Energy(slot.Export)}";
    }

    private static string Energy(SlotEnergy energy) => energy.Status switch
    {
        ValueStatus.Ok => string.Create(CultureInfo.InvariantCulture, $"{energy.Kwh} kWh"),
        ValueStatus.NoData => "no data",
        ValueStatus.NotSupported => "not measured",
        _ => "not given",
    };
}
