using BRoute.SkStack.Grammar;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Transport;
using Microsoft.Extensions.Logging;

namespace BRoute.SkStack.Device;

/// <summary>Settings of a <see cref="SkDevice"/>.</summary>
public sealed record SkDeviceOptions
{
    /// <summary>How long a command may take from write to its completing line (OK, FAIL, reply). Default 5 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Override of the dongle family (skips the SIDE detection unless RL7023 Stick-D/IPS).</summary>
    public DongleFamily? Family { get; init; }

    /// <summary>Reader caps.</summary>
    public SkReaderOptions Reader { get; init; } = new();

    /// <summary>Capacity of <see cref="SkDevice.Events"/>; when full the oldest item is dropped and counted.</summary>
    public int EventQueueCapacity { get; init; } = 1024;

    /// <summary>How device strings are opened (serial flow control, TCP connect timeout).</summary>
    public SkTransportOptions Transport { get; init; } = new();

    /// <summary>Logger; the raw dialogue goes to Trace with credentials masked.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Clock for timeouts (tests pass a FakeTimeProvider).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
