namespace BRoute.Metrics;

/// <summary>
/// The names this exporter publishes (Prometheus naming guide: base units, <c>_total</c> for counters, the unit as
/// suffix). One table, so the Grafana dashboard and the tests can check what they refer to.
/// </summary>
public static class MetricNames
{
    /// <summary>1 while the meter's session is up and readings flow, else 0 (Prometheus's own <c>up</c> is per target).</summary>
    public const string MeterUp = "broute_meter_up";

    /// <summary>Instantaneous power (E7), W; negative while exporting.</summary>
    public const string Power = "broute_power_watts";

    /// <summary>Instantaneous current (E8) by phase (r, t), A.</summary>
    public const string Current = "broute_current_amperes";

    /// <summary>The meter's cumulative energy register (E0 import, E3 export), J.</summary>
    public const string Energy = "broute_energy_joules_total";

    /// <summary>Energy of the latest complete half-hour by direction, J.</summary>
    public const string HalfHourEnergy = "broute_half_hour_energy_joules";

    /// <summary>End of the latest complete half-hour, Unix seconds.</summary>
    public const string HalfHourEnd = "broute_half_hour_end_timestamp_seconds";

    /// <summary>Last received signal strength of the meter's frames, dBm (where the dongle reports it).</summary>
    public const string LinkRssi = "broute_link_rssi_dbm";

    /// <summary>Last link quality indicator of the meter's frames, 0–255 (where the dongle reports it).</summary>
    public const string LinkLqi = "broute_link_lqi";

    /// <summary>ECHONET Lite requests begun.</summary>
    public const string Requests = "broute_requests_total";

    /// <summary>Resends of a request (same TID).</summary>
    public const string Resends = "broute_resends_total";

    /// <summary>Late replies to requests already answered or given up (stale and duplicate).</summary>
    public const string StaleReplies = "broute_stale_replies_total";

    /// <summary>Re-authentications (EVENT 29 then 25).</summary>
    public const string Reauthentications = "broute_reauthentications_total";

    /// <summary>Sessions started again after a failure (the monitor's reconnects).</summary>
    public const string Reconnects = "broute_reconnects_total";

    /// <summary>Radio transmission time used in the sliding hour, s (the legal limit is 360 s).</summary>
    public const string TransmitSeconds = "broute_transmit_seconds";

    /// <summary>When the last successful reading arrived, Unix seconds.</summary>
    public const string LastReading = "broute_last_reading_timestamp_seconds";

    /// <summary>Constant 1 with the meter's identity as labels.</summary>
    public const string MeterInfo = "broute_meter_info";

    /// <summary>Every name above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MeterUp, Power, Current, Energy, HalfHourEnergy, HalfHourEnd, LinkRssi, LinkLqi, Requests, Resends, StaleReplies,
        Reauthentications, Reconnects, TransmitSeconds, LastReading, MeterInfo,
    ];
}
