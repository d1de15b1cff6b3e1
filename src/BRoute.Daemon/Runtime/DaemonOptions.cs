using BRoute.Daemon.Configuration;
using BRoute.Monitoring;
using BRoute.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Daemon.Runtime;

/// <summary>What the daemon takes besides its settings: clock, logging, and (for tests and the demo) how dongles open.</summary>
public sealed record DaemonOptions
{
    /// <summary>The clock of every session, monitor, writer and maintenance loop.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging; categories per meter ("BRoute.Meter.NAME").</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Opens a meter's dongle; null = its <see cref="MeterSettings.Device"/> path or tcp:// address.</summary>
    public Func<MeterSettings, SkDeviceFactory>? OpenDevice { get; init; }

    /// <summary>What each monitor reads and how often.</summary>
    public ReadSchedule Schedule { get; init; } = ReadSchedule.Default;

    /// <summary>How often retention and the 1-minute aggregates run.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Seed of the monitors' jitter and TIDs (tests); null = random.</summary>
    public int? Seed { get; init; }

    /// <summary>Adjusts each meter's session options (tests: faster timeouts).</summary>
    public Func<MeterSessionOptions, MeterSessionOptions>? AdjustSession { get; init; }

    /// <summary>Adjusts each meter's monitor options (soak runs: how often the state is polled and counters sent).</summary>
    public Func<MeterMonitorOptions, MeterMonitorOptions>? AdjustMonitor { get; init; }
}
