namespace BRoute.Reading;

/// <summary>
/// What the session has learned about one meter's Get handling: its Get property map (0x9F),
/// how many EPCs per Get it takes (<see cref="MaxOpc"/>), the largest batch it answered in full,
/// and EPCs it refused even when asked alone. Shared by every <see cref="GetPlanner"/> of a session
/// so a lesson is learned once. Not thread-safe: one session drives it.
/// </summary>
internal sealed class MeterCapabilities
{
    /// <summary>AIF §2.4.4: a meter must accept up to 6 properties per request.</summary>
    public const int AifMaxOpc = 6;

    private readonly HashSet<byte> _unsupported = [];

    /// <param name="initialMaxOpc">Batch size to start with (default the AIF's 6).</param>
    public MeterCapabilities(int initialMaxOpc = AifMaxOpc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialMaxOpc, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialMaxOpc, byte.MaxValue);
        MaxOpc = initialMaxOpc;
    }

    /// <summary>The Get property map (0x9F) once read; null while unknown (then nothing is filtered).</summary>
    public IReadOnlySet<byte>? GetPropertyMap { get; set; }

    /// <summary>Largest number of EPCs to put in one Get.</summary>
    public int MaxOpc { get; private set; }

    /// <summary>Largest Get the meter answered with an entry for every EPC (0 = none yet).</summary>
    public int LargestAcceptedOpc { get; private set; }

    /// <summary>EPCs the meter refused when asked alone.</summary>
    public IReadOnlySet<byte> ConfirmedUnsupported => _unsupported;

    /// <summary>How many times <see cref="MaxOpc"/> was lowered.</summary>
    public int MaxOpcReductions { get; private set; }

    /// <summary>True when the map is known and lacks <paramref name="epc"/>.</summary>
    public bool IsOutsideMap(byte epc) => GetPropertyMap is { } map && !map.Contains(epc);

    internal void RecordAccepted(int opc) => LargestAcceptedOpc = Math.Max(LargestAcceptedOpc, opc);

    internal void RecordUnsupported(byte epc) => _unsupported.Add(epc);

    /// <summary>Lowers <see cref="MaxOpc"/> to <paramref name="opc"/> unless the meter already answered that many.</summary>
    internal void LowerMaxOpc(int opc)
    {
        opc = Math.Max(1, Math.Max(opc, LargestAcceptedOpc));
        if (opc < MaxOpc)
        {
            MaxOpc = opc;
            MaxOpcReductions++;
        }
    }
}
