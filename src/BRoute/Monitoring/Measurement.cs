using BRoute.EchonetLite.Meter;

namespace BRoute.Monitoring;

/// <summary>Where a value came from.</summary>
public enum ValueSource
{
    /// <summary>The answer to our Get.</summary>
    Get,

    /// <summary>An INF/INFC the meter sent on its own.</summary>
    Notification,

    /// <summary>The meter's 30-minute history (E2/E4, EC).</summary>
    History,
}

/// <summary>
/// One value of one meter, the same for every output (console, store, MQTT, Prometheus, dashboard). The number is
/// in the quantity's fixed unit (<see cref="QuantityExtensions.Unit"/>) and present exactly when
/// <see cref="Status"/> is <see cref="ValueStatus.Ok"/>: "no data", "unset" and "not supported" never become numbers.
/// </summary>
/// <param name="MeterId">The meter's identity (<see cref="MeterIdentity.Id"/>).</param>
/// <param name="Quantity">What is measured.</param>
/// <param name="Value">W, A or kWh; null unless <paramref name="Status"/> is Ok.</param>
/// <param name="Status">Ok, no data, unset or not supported.</param>
/// <param name="MeterTime">The meter's own timestamp for the value (D0's minute, EA's half-hour), JST; null when it has none.</param>
/// <param name="ReadAt">When the value was received (session clock).</param>
/// <param name="Source">Get, notification or history.</param>
public sealed record Measurement(
    string MeterId,
    Quantity Quantity,
    decimal? Value,
    ValueStatus Status,
    DateTimeOffset? MeterTime,
    DateTimeOffset ReadAt,
    ValueSource Source)
{
    /// <summary>The quantity's unit.</summary>
    public MeasurementUnit Unit => Quantity.Unit();

    /// <summary>True when <see cref="Value"/> holds a number.</summary>
    public bool HasValue => Status == ValueStatus.Ok && Value is not null;
}
