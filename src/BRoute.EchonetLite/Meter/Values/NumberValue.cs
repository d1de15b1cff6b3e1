using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>A plain number with an optional unit: E7 watts, E1 kWh per count, D3, D7, E5, 0x84, 0x85, 0x87, 0x99, 0x9A, node-profile D3/D4.</summary>
/// <param name="Number">The value (exact).</param>
/// <param name="Unit">Unit for display, or null.</param>
/// <param name="Text">Display text when the number alone reads badly (e.g. "today"); null to show number and unit.</param>
public sealed record NumberValue(decimal Number, string? Unit, string? Text = null) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Number);
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        Text ?? (Unit is null
            ? Number.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Number} {Unit}"));
}
