using System.Globalization;
using System.Text.Json;

namespace BRoute.Simulator.Truth;

/// <summary>
/// The simulated meter's ground truth for one half-hour: the cumulative registers at the slot's end, in kWh after
/// coefficient (D3) and unit (E1), exactly as the meter shows them (raw count × D3 × E1, wrapping at 10^D7).
/// </summary>
/// <param name="SlotEnd">The half-hour boundary, JST.</param>
/// <param name="ImportKwh">Normal direction (E0 / E2 / EA).</param>
/// <param name="ExportKwh">Reverse direction (E3 / E4 / EB); null when the meter does not measure it.</param>
public sealed record TruthSlot(DateTimeOffset SlotEnd, decimal ImportKwh, decimal? ExportKwh)
{
    /// <summary>One JSON line: <c>{"slot_end":"2026-11-27T19:30:00+09:00","import_kwh":8000.1,"export_kwh":0.0}</c>.</summary>
    public string ToJsonLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"slot_end\":\"{SlotEnd:yyyy-MM-dd'T'HH:mm:sszzz}\",\"import_kwh\":{ImportKwh},\"export_kwh\":{(ExportKwh is { } e ? e.ToString(CultureInfo.InvariantCulture) : "null")}}}");

    /// <summary>Reads a line written by <see cref="ToJsonLine"/>; null when it is not one.</summary>
    public static TruthSlot? TryParse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var export = root.GetProperty("export_kwh");
            return new TruthSlot(
                DateTimeOffset.Parse(root.GetProperty("slot_end").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("import_kwh").GetDecimal(),
                export.ValueKind == JsonValueKind.Null ? null : export.GetDecimal());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            return null;
        }
    }
}
