using BRoute.EchonetLite.Meter;

namespace BRoute.Session;

/// <summary>
/// The answer to <see cref="MeterSession.ReadAsync(IEnumerable{byte}, CancellationToken)"/>: every requested EPC in
/// the order asked, decoded with the session's energy scale. An EPC the meter does not support (not in its Get
/// map, or refused) has status <see cref="ValueStatus.NotSupported"/>. An EPC that got no reply after every retry
/// is listed in <see cref="Unanswered"/> and has no property (a reading where nothing answered throws instead).
/// </summary>
public sealed class MeterReading
{
    private readonly Dictionary<byte, DecodedProperty> _byEpc;

    internal MeterReading(IReadOnlyList<byte> requested, IReadOnlyList<DecodedProperty> properties, IReadOnlyList<byte> unanswered, DateTimeOffset readAt, EnergyScale scale)
    {
        Requested = requested;
        Properties = properties;
        Unanswered = unanswered;
        ReadAt = readAt;
        Scale = scale;
        _byEpc = properties.ToDictionary(p => p.Epc);
    }

    /// <summary>The distinct EPCs asked for, in order.</summary>
    public IReadOnlyList<byte> Requested { get; }

    /// <summary>One decoded property per requested EPC that was answered or is unsupported, in request order.</summary>
    public IReadOnlyList<DecodedProperty> Properties { get; }

    /// <summary>Requested EPCs that got no reply (link trouble, not a property problem).</summary>
    public IReadOnlyList<byte> Unanswered { get; }

    /// <summary>True when every requested EPC has a property.</summary>
    public bool IsComplete => Unanswered.Count == 0;

    /// <summary>When the reading completed (session clock).</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The coefficient and unit the energies were decoded with.</summary>
    public EnergyScale Scale { get; }

    /// <summary>The property of <paramref name="epc"/>; throws <see cref="KeyNotFoundException"/> if it was not requested or got no reply.</summary>
    public DecodedProperty this[byte epc] => _byEpc.TryGetValue(epc, out var p)
        ? p
        : throw new KeyNotFoundException(Unanswered.Contains(epc) ? $"EPC 0x{epc:X2} got no reply" : $"EPC 0x{epc:X2} was not requested");

    /// <summary>The property of <paramref name="epc"/> if it was requested and answered (or is unsupported).</summary>
    public bool TryGet(byte epc, out DecodedProperty property) => _byEpc.TryGetValue(epc, out property!);
}
