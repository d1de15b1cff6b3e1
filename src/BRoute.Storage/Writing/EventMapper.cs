using BRoute.Monitoring;
using BRoute.Storage.Schema;
using BRoute.Storage.Tables;

namespace BRoute.Storage.Writing;

/// <summary>Where each monitor event goes in the store, inside the caller's transaction.</summary>
internal static class EventMapper
{
    /// <summary>Stores <paramref name="e"/>; returns what a half-hour did (null for other events).</summary>
    public static HalfHourWrite? Apply(WriteScope scope, MonitorEvent e)
    {
        switch (e)
        {
            case HalfHourEvent h:
                return HalfHourTable.Upsert(scope, h.HalfHour);
            case MeasurementsEvent m:
                Measurements(scope, m);
                return null;
            case HalfHourConflictEvent c:
                HalfHourTable.RecordMonitorConflict(scope, c);
                return null;
            case StateChangedEvent s:
                State(scope, s);
                return null;
            case MeterIdentifiedEvent i:
                Identified(scope, i);
                return null;
            case BackfillProgressEvent b:
                EventTable.Insert(
                    scope,
                    scope.MeterKey(b.MeterId),
                    b.At,
                    StoreEventKinds.BackfillProgress,
                    null,
                    Detail.Of(("day", b.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("done", b.Done), ("total", b.Total)));
                return null;
            case CountersEvent c:
                LinkTable.Upsert(scope, c); // the latest figures only: the history of counters is Prometheus's business
                return null;
            default:
                // Anything newer: live values for publishers, not history.
                return null;
        }
    }

    private static void Measurements(WriteScope scope, MeasurementsEvent e)
    {
        foreach (var group in e.Measurements.GroupBy(m => (m.MeterId, m.ReadAt, m.Source)))
        {
            var key = scope.MeterKey(group.Key.MeterId);
            var source = DbValues.Source(group.Key.Source);
            decimal? Value(Quantity q) => group.FirstOrDefault(m => m.Quantity == q && m.HasValue)?.Value;
            bool Has(params Quantity[] qs) => group.Any(m => qs.Contains(m.Quantity));

            if (Has(Quantity.Power, Quantity.CurrentR, Quantity.CurrentT))
            {
                SampleTable.Upsert(scope, key, group.Key.ReadAt, Value(Quantity.Power), Value(Quantity.CurrentR), Value(Quantity.CurrentT), source);
            }

            if (Has(Quantity.ImportEnergy, Quantity.ExportEnergy))
            {
                var meterTime = group.FirstOrDefault(m => m.Quantity is Quantity.ImportEnergy or Quantity.ExportEnergy)?.MeterTime;
                EnergyReadingTable.Upsert(scope, key, EnergyReadingTable.Register, group.Key.ReadAt, meterTime, Value(Quantity.ImportEnergy), Value(Quantity.ExportEnergy), source);
            }

            if (Has(Quantity.OneMinuteImportEnergy, Quantity.OneMinuteExportEnergy))
            {
                var meterTime = group.FirstOrDefault(m => m.Quantity is Quantity.OneMinuteImportEnergy or Quantity.OneMinuteExportEnergy)?.MeterTime;
                EnergyReadingTable.Upsert(scope, key, EnergyReadingTable.OneMinute, group.Key.ReadAt, meterTime, Value(Quantity.OneMinuteImportEnergy), Value(Quantity.OneMinuteExportEnergy), source);
            }

            MeterTable.Touch(scope, key, group.Key.ReadAt);
        }
    }

    private static void State(WriteScope scope, StateChangedEvent e)
    {
        var state = e.State;
        long? key = state.MeterId is string id ? scope.MeterKey(id) : null;
        var kind = Kind(state.Kind);
        if (key is long k && kind != StoreEventKinds.OutageBegan && EventTable.LastStateKind(scope, k) == StoreEventKinds.OutageBegan)
        {
            var began = EventTable.LastOutageStart(scope, k);
            EventTable.Insert(
                scope,
                k,
                e.At,
                StoreEventKinds.OutageEnded,
                null,
                Detail.Of(("began", began), ("seconds", began is DateTimeOffset b ? (long)(e.At - b).TotalSeconds : null), ("now", kind)));
        }

        // The PAN's pairing ID is the tail of the B-route ID: it is never stored.
        EventTable.Insert(
            scope,
            key,
            e.At,
            kind,
            state.Until,
            Detail.Of(
                ("reason", state.Reason),
                ("since", state.Since != e.At ? (DateTimeOffset?)state.Since : null),
                ("channel", state.Pan is { } pan ? (int)pan.Channel : null),
                ("pan_id", state.Pan is { } p ? $"0x{p.PanId:X4}" : null),
                ("dongle", state.DongleFamily)));
    }

    private static void Identified(WriteScope scope, MeterIdentifiedEvent e)
    {
        var meter = e.Meter;
        var changes = MeterTable.Upsert(scope, meter, e.At);
        var key = scope.MeterKey(meter.Id);
        if (changes.Count > 0)
        {
            EventTable.Insert(scope, key, e.At, StoreEventKinds.MeterChanged, null, Detail.Of(("changes", string.Join("; ", changes))));
        }

        EventTable.Insert(
            scope,
            key,
            e.At,
            StoreEventKinds.MeterIdentified,
            null,
            Detail.Of(
                ("maker", meter.MakerCode),
                ("serial", meter.SerialNumber),
                ("standard", meter.StandardVersion),
                ("coefficient", meter.Coefficient is uint c ? (long)c : null),
                ("kwh_per_count", meter.KwhPerCount),
                ("digits", meter.EffectiveDigits is byte d ? (int)d : null)));
    }

    private static string Kind(MonitorStateKind kind) => kind switch
    {
        MonitorStateKind.Connecting => StoreEventKinds.Connecting,
        MonitorStateKind.Connected => StoreEventKinds.Connected,
        MonitorStateKind.Reauthenticating => StoreEventKinds.Reauthenticating,
        MonitorStateKind.Outage => StoreEventKinds.OutageBegan,
        MonitorStateKind.TransmitPaused => StoreEventKinds.TransmitPaused,
        MonitorStateKind.AuthenticationRefused => StoreEventKinds.AuthenticationRefused,
        MonitorStateKind.Stopped => StoreEventKinds.Stopped,
        _ => kind.ToString().ToLowerInvariant(),
    };
}
