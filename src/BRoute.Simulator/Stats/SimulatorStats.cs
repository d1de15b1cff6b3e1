using System.Collections.Concurrent;
using System.Text.Json;

namespace BRoute.Simulator.Stats;

/// <summary>
/// Live counters of a simulator, safe to read from any thread. <see cref="Snapshot"/> gives a consistent
/// copy; <see cref="ToJson"/> the <c>--stats</c> file content.
/// </summary>
public sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<byte, long> _getsByEpc = new();
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private long _udpFramesReceived;
    private long _udpFramesSent;
    private long _scans;
    private long _joins;
    private long _joinsSucceeded;
    private long _joinsFailed;
    private long _reauthentications;
    private long _sessionsExpired;
    private long _airTimeMicroseconds;
    private long _dongleAirTimeMicroseconds;
    private long _commands;
    private long _commandsFailed;
    private long _echonetRequests;
    private long _echonetDropped;
    private long _notificationsSent;
    private long _bytesIn;
    private long _bytesOut;
    private long _lastJoinTicks = long.MinValue;
    private long _lastTerminateTicks = long.MinValue;

    /// <summary>SKSENDTO frames the client sent (whatever became of them).</summary>
    public long UdpFramesReceived => Interlocked.Read(ref _udpFramesReceived);

    /// <summary>ERXUDP lines written to the client (ECHONET Lite and PANA).</summary>
    public long UdpFramesSent => Interlocked.Read(ref _udpFramesSent);

    public long Scans => Interlocked.Read(ref _scans);

    public long Joins => Interlocked.Read(ref _joins);

    public long JoinsSucceeded => Interlocked.Read(ref _joinsSucceeded);

    public long JoinsFailed => Interlocked.Read(ref _joinsFailed);

    public long Reauthentications => Interlocked.Read(ref _reauthentications);

    public long SessionsExpired => Interlocked.Read(ref _sessionsExpired);

    /// <summary>Radio air time of both ends, in milliseconds.</summary>
    public long AirTimeMs => Interlocked.Read(ref _airTimeMicroseconds) / 1000;

    /// <summary>Air time of the dongle's own transmissions (register SFD), in milliseconds.</summary>
    public long DongleAirTimeMs => Interlocked.Read(ref _dongleAirTimeMicroseconds) / 1000;

    public long Commands => Interlocked.Read(ref _commands);

    public long CommandsFailed => Interlocked.Read(ref _commandsFailed);

    /// <summary>ECHONET Lite requests the meter processed.</summary>
    public long EchonetRequests => Interlocked.Read(ref _echonetRequests);

    /// <summary>Frames the meter dropped: malformed, unencrypted, wrong object, no session.</summary>
    public long EchonetDropped => Interlocked.Read(ref _echonetDropped);

    /// <summary>INF/INFC the meter sent on its own.</summary>
    public long NotificationsSent => Interlocked.Read(ref _notificationsSent);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Host time (the simulator's TimeProvider, UTC) of the last SKJOIN the dongle accepted; null before the first.</summary>
    public DateTimeOffset? LastJoinAt => At(Interlocked.Read(ref _lastJoinTicks));

    /// <summary>Host time (UTC) of the last SKTERM the dongle accepted (a session was up); null before the first.</summary>
    public DateTimeOffset? LastTerminateAt => At(Interlocked.Read(ref _lastTerminateTicks));

    /// <summary>How often each EPC was asked for in a Get (or the Get half of SetGet).</summary>
    public long GetsOf(byte epc) => _getsByEpc.TryGetValue(epc, out var n) ? n : 0;

    /// <summary>How often a fault was injected (names as in <see cref="Faults.FaultKind"/>).</summary>
    public long FaultsOf(string kind) => _faults.TryGetValue(kind, out var n) ? n : 0;

    internal void UdpReceived() => Interlocked.Increment(ref _udpFramesReceived);

    internal void UdpSent() => Interlocked.Increment(ref _udpFramesSent);

    internal void Scan() => Interlocked.Increment(ref _scans);

    internal void JoinAt(DateTimeOffset at)
    {
        Interlocked.Increment(ref _joins);
        Interlocked.Exchange(ref _lastJoinTicks, at.UtcTicks);
    }

    internal void TerminateAt(DateTimeOffset at) => Interlocked.Exchange(ref _lastTerminateTicks, at.UtcTicks);

    private static DateTimeOffset? At(long utcTicks) => utcTicks == long.MinValue ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);

    internal void JoinSucceeded() => Interlocked.Increment(ref _joinsSucceeded);

    internal void JoinFailed() => Interlocked.Increment(ref _joinsFailed);

    internal void Reauthenticated() => Interlocked.Increment(ref _reauthentications);

    internal void SessionExpired() => Interlocked.Increment(ref _sessionsExpired);

    internal void AirTime(TimeSpan t, bool dongle)
    {
        var us = (long)(t.TotalMilliseconds * 1000);
        Interlocked.Add(ref _airTimeMicroseconds, us);
        if (dongle)
        {
            Interlocked.Add(ref _dongleAirTimeMicroseconds, us);
        }
    }

    internal void Command() => Interlocked.Increment(ref _commands);

    internal void CommandFailure() => Interlocked.Increment(ref _commandsFailed);

    internal void EchonetRequest() => Interlocked.Increment(ref _echonetRequests);

    internal void EchonetDrop() => Interlocked.Increment(ref _echonetDropped);

    internal void Notification() => Interlocked.Increment(ref _notificationsSent);

    internal void In(int n) => Interlocked.Add(ref _bytesIn, n);

    internal void Out(int n) => Interlocked.Add(ref _bytesOut, n);

    internal void Get(byte epc) => _getsByEpc.AddOrUpdate(epc, 1, static (_, n) => n + 1);

    internal void Fault(string kind) => _faults.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>A copy of every counter.</summary>
    public StatsSnapshot Snapshot() => new(
        UdpFramesReceived, UdpFramesSent,
        _getsByEpc.OrderBy(p => p.Key).ToDictionary(p => $"{p.Key:X2}", p => p.Value),
        Scans, Joins, JoinsSucceeded, JoinsFailed, Reauthentications, SessionsExpired,
        AirTimeMs, DongleAirTimeMs, Commands, CommandsFailed, EchonetRequests, EchonetDropped,
        NotificationsSent, BytesIn, BytesOut,
        _faults.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));

    /// <summary>The stats file content (snake_case keys, indented).</summary>
    public string ToJson(DateTimeOffset simulatedNow)
    {
        var s = Snapshot();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("simulated_time", simulatedNow.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("udp_frames_received", s.UdpFramesReceived);
            w.WriteNumber("udp_frames_sent", s.UdpFramesSent);
            w.WriteStartObject("gets_by_epc");
            foreach (var (k, v) in s.GetsByEpc)
            {
                w.WriteNumber(k, v);
            }

            w.WriteEndObject();
            w.WriteNumber("scans", s.Scans);
            w.WriteNumber("joins", s.Joins);
            w.WriteNumber("joins_succeeded", s.JoinsSucceeded);
            w.WriteNumber("joins_failed", s.JoinsFailed);
            w.WriteNumber("reauthentications", s.Reauthentications);
            w.WriteNumber("sessions_expired", s.SessionsExpired);
            w.WriteNumber("air_time_ms", s.AirTimeMs);
            w.WriteNumber("dongle_air_time_ms", s.DongleAirTimeMs);
            w.WriteNumber("commands", s.Commands);
            w.WriteNumber("commands_failed", s.CommandsFailed);
            w.WriteNumber("echonet_requests", s.EchonetRequests);
            w.WriteNumber("echonet_dropped", s.EchonetDropped);
            w.WriteNumber("notifications_sent", s.NotificationsSent);
            w.WriteNumber("bytes_in", s.BytesIn);
            w.WriteNumber("bytes_out", s.BytesOut);
            w.WriteStartObject("faults");
            foreach (var (k, v) in s.Faults)
            {
                w.WriteNumber(k, v);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>A consistent copy of <see cref="SimulatorStats"/>. EPC keys are two upper-case hex digits.</summary>
public sealed record StatsSnapshot(
    long UdpFramesReceived,
    long UdpFramesSent,
    IReadOnlyDictionary<string, long> GetsByEpc,
    long Scans,
    long Joins,
    long JoinsSucceeded,
    long JoinsFailed,
    long Reauthentications,
    long SessionsExpired,
    long AirTimeMs,
    long DongleAirTimeMs,
    long Commands,
    long CommandsFailed,
    long EchonetRequests,
    long EchonetDropped,
    long NotificationsSent,
    long BytesIn,
    long BytesOut,
    IReadOnlyDictionary<string, long> Faults);
