namespace BRoute.EchonetLite.Meter;

/// <summary>
/// EA/EB (meter-0288.md §3): a 7-byte date-time and a 4-byte cumulative count, as read by a Get or announced by the
/// meter every half hour (INF). The one decoder of that field: the Get path (<see cref="MeterPropertyDecoder"/>) and the
/// notification path both use it.
/// </summary>
public static class FixedTimeEnergyField
{
    /// <summary>EDT length: date-time (7) + count (4).</summary>
    public const int Length = 11;

    /// <summary>
    /// Reads the field. <paramref name="timestamp"/> is null when the meter has not set it (all 0xFF), and the
    /// reading's status is NoData for 0xFFFFFFFE; an impossible date or a count above 99,999,999 fails with
    /// <paramref name="error"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> edt, EnergyScale scale, out DateTime? timestamp, out EnergyReading reading, out string? error)
    {
        reading = default;
        if (edt.Length != Length)
        {
            timestamp = null;
            error = $"EA/EB data is {edt.Length} bytes; expected {Length}";
            return false;
        }

        if (!MeterDateTime.TryRead(edt[..7], out timestamp, out error))
        {
            return false;
        }

        return EnergyDecoders.TryEnergy(edt[7..], scale, "value", out reading, out error);
    }
}
