using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A string value: an enumeration code ("on", "fault"), ASCII text (0x8C/0x8D), a hex dump
/// (0x83, 0x8A, 0xC0, unknown EPCs), a date ("2020-03-14") or a time of day ("08:30").
/// </summary>
/// <param name="Text">The JSON string.</param>
/// <param name="Display">Table text; null to show <paramref name="Text"/>.</param>
public sealed record TextValue(string Text, string? Display = null) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Text);
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => Display ?? Text;
}
