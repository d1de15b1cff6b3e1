namespace BRoute.EchonetLite.Meter;

/// <summary>What one kind decoder found: a status with an optional value, or an error.</summary>
internal readonly record struct Outcome(ValueStatus Status, MeterValue? Value, string? Error)
{
    public static Outcome Ok(MeterValue value) => new(ValueStatus.Ok, value, null);

    public static Outcome Of(ValueStatus status) => new(status, null, null);

    public static Outcome Fail(string error) => new(ValueStatus.Ok, null, error);
}

/// <summary>What a decoder needs beyond the bytes.</summary>
internal readonly record struct DecodeContext(EnergyScale Scale, DateOnly? MeterToday);
