namespace BRoute.EchonetLite.Meter;

/// <summary>
/// One property decoded against the catalog: its name, raw bytes, status and typed value, or,
/// when the bytes do not fit the property (wrong length, out of range, malformed), an
/// <see cref="Error"/> and no status or value. Built by <see cref="MeterPropertyDecoder"/>.
/// </summary>
public sealed class DecodedProperty
{
    internal DecodedProperty(
        ushort classCode, byte epc, PropertyInfo? info, byte[] raw,
        ValueStatus? status, MeterValue? value, string? unit, string? error, bool coefficientAssumed)
    {
        ClassCode = classCode;
        Epc = epc;
        Info = info;
        Raw = raw;
        Status = status;
        Value = value;
        Unit = unit;
        Error = error;
        CoefficientAssumed = coefficientAssumed;
    }

    /// <summary>Class of the object the property belongs to, e.g. 0x0288.</summary>
    public ushort ClassCode { get; }

    /// <summary>Property code.</summary>
    public byte Epc { get; }

    /// <summary>Catalog entry; null for an EPC the catalog does not know.</summary>
    public PropertyInfo? Info { get; }

    /// <summary>snake_case name, or "unknown_0xNN".</summary>
    public string Name => Info?.Name ?? PropertyCatalog.UnknownName(Epc);

    /// <summary>Japanese name from the Appendix; null for an unknown EPC.</summary>
    public string? JapaneseName => Info?.JapaneseName;

    /// <summary>The EDT exactly as received (a copy, so it outlives the receive buffer).</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The state of the value; null exactly when <see cref="Error"/> is set.</summary>
    public ValueStatus? Status { get; }

    /// <summary>The typed value; non-null exactly when <see cref="Status"/> is <see cref="ValueStatus.Ok"/>.</summary>
    public MeterValue? Value { get; }

    /// <summary>
    /// Unit of the value: "W", "A", "kWh", "%", …; "unknown" for an energy whose E1 unit is not
    /// known (the value then carries raw counts); null when the property has no unit.
    /// </summary>
    public string? Unit { get; }

    /// <summary>Why the bytes could not be decoded, e.g. "instantaneous_power (0xE7): EDT is 2 byte(s), expected 4"; null on success.</summary>
    public string? Error { get; }

    /// <summary>True when decoding failed; then <see cref="Error"/> says why and there is no status or value.</summary>
    public bool IsError => Error is not null;

    /// <summary>True for an energy in kWh computed without a known D3, i.e. with coefficient 1 assumed.</summary>
    public bool CoefficientAssumed { get; }

    /// <summary>A "not supported" result, e.g. for an EPC missing from the meter's Get map.</summary>
    public static DecodedProperty NotSupported(ushort classCode, byte epc)
    {
        var info = PropertyCatalog.Find(classCode, epc);
        return new DecodedProperty(classCode, epc, info, [], ValueStatus.NotSupported, null, info?.Unit, null, false);
    }

    /// <summary>For debugging: "0xE7 instantaneous_power Ok NumberValue { Number = 628, Unit = W }". Outputs use BRoute.Decoding.ValueText.</summary>
    public override string ToString() => $"0x{Epc:X2} {Name} {(IsError ? $"error: {Error}" : $"{Status} {Value}")}";
}
