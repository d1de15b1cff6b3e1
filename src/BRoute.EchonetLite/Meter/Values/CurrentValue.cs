using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// E8 instantaneous currents in A (0.1 A resolution). A phase is null when the meter sent 0x7FFE;
/// a single-phase 2-wire meter does so for T.
/// </summary>
public sealed record CurrentValue(decimal? R, decimal? T) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumberOrNull("r", R);
        writer.WriteNumberOrNull("t", T);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        $"R {Show(R)}, T {(T is null && R is not null ? "none (single-phase 2-wire)" : Show(T))}";

    private static string Show(decimal? amps) =>
        amps is decimal a ? string.Create(CultureInfo.InvariantCulture, $"{a} A") : "no data";
}
