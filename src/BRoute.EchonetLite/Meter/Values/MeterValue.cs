using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A typed property value. Pattern-match on the derived types (<see cref="NumberValue"/>,
/// <see cref="EnergyValue"/>, <see cref="CurrentValue"/>, <see cref="TimedEnergyValue"/>, …).
/// </summary>
public abstract record MeterValue
{
    /// <summary>Writes the JSON value (a number, string, object or list) at the writer's position.</summary>
    public abstract void WriteJson(Utf8JsonWriter writer);

    /// <summary>Short text for a table, e.g. "628 W".</summary>
    public abstract string ToDisplayString();

    /// <inheritdoc/>
    public sealed override string ToString() => ToDisplayString();
}
