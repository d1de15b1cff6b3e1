using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>
/// One item of a monitor's event stream: the one seam every output (console, store, MQTT, Prometheus, dashboard)
/// consumes. Pattern-match on the derived types.
/// </summary>
/// <param name="At">When it happened (the monitor's clock).</param>
public abstract record MonitorEvent(DateTimeOffset At);

/// <summary>Values read or announced together (one Get, one notification).</summary>
public sealed record MeasurementsEvent(DateTimeOffset At, IReadOnlyList<Measurement> Measurements) : MonitorEvent(At);

/// <summary>A half-hour slot's registers from one source. The same slot may come again from another source.</summary>
public sealed record HalfHourEvent(DateTimeOffset At, HalfHour HalfHour) : MonitorEvent(At);

/// <summary>Two sources disagree on a slot's register: reported, never settled silently.</summary>
/// <param name="At">When the disagreement was seen.</param>
/// <param name="Kept">The copy seen first.</param>
/// <param name="Other">The disagreeing copy.</param>
public sealed record HalfHourConflictEvent(DateTimeOffset At, HalfHour Kept, HalfHour Other) : MonitorEvent(At);

/// <summary>The link changed state (emitted once per change).</summary>
public sealed record StateChangedEvent(DateTimeOffset At, MonitorState State) : MonitorEvent(At);

/// <summary>The meter's identity became known or changed (after each connect).</summary>
public sealed record MeterIdentifiedEvent(DateTimeOffset At, MeterIdentity Meter) : MonitorEvent(At);

/// <summary>A snapshot of the session's counters (requests, resends, stale replies, re-auths, reconnects, air time).</summary>
public sealed record CountersEvent(DateTimeOffset At, string MeterId, SessionStatistics Statistics, long Reconnects) : MonitorEvent(At);

/// <summary>Progress of a history backfill (the gap logic).</summary>
/// <param name="At">When.</param>
/// <param name="MeterId">The meter.</param>
/// <param name="Day">The day being read.</param>
/// <param name="Done">Days finished in this run.</param>
/// <param name="Total">Days to read in this run.</param>
public sealed record BackfillProgressEvent(DateTimeOffset At, string MeterId, DateOnly Day, int Done, int Total) : MonitorEvent(At);
