namespace BRoute.Reading;

/// <summary>
/// What the session has learned about one meter's Get handling: its Get property map (0x9F),
/// how many EPCs per Get it takes (<see cref="MaxOpc"/>), the largest batch it answered in full,
/// and EPCs it refused even when asked alone. Shared by every <see cref="GetPlanner"/> of a session
/// so a lesson is learned once. May start from what an earlier session learned (<see cref="Restore"/>,
/// remembered with the PAN cache): those facts are hints until the meter's answers confirm them, and are
/// all dropped (<see cref="Forget"/>) as soon as an answer contradicts one of them.
/// Not thread-safe: one session drives it.
/// </summary>
internal sealed class MeterCapabilities
{
    /// <summary>AIF §2.4.4: a meter must accept up to 6 properties per request.</summary>
    public const int AifMaxOpc = 6;

    private readonly HashSet<byte> _unsupported = [];
    private readonly HashSet<byte> _rememberedRefused = [];
    private readonly int _initialMaxOpc;
    private bool _loweredThisSession;

    /// <param name="initialMaxOpc">Batch size to start with (default the AIF's 6).</param>
    public MeterCapabilities(int initialMaxOpc = AifMaxOpc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialMaxOpc, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialMaxOpc, byte.MaxValue);
        _initialMaxOpc = initialMaxOpc;
        MaxOpc = initialMaxOpc;
    }

    /// <summary>The Get property map (0x9F) once read; null while unknown (then nothing is filtered).</summary>
    public IReadOnlySet<byte>? GetPropertyMap { get; set; }

    /// <summary>Largest number of EPCs to put in one Get.</summary>
    public int MaxOpc { get; private set; }

    /// <summary>Largest Get the meter answered with an entry for every EPC in this session (0 = none yet).</summary>
    public int LargestAcceptedOpc { get; private set; }

    /// <summary>Largest Get an earlier session saw answered in full (remembered; 0 = none or dropped).</summary>
    public int RememberedLargestAcceptedOpc { get; private set; }

    /// <summary>
    /// A batch up to this size is known to be within the meter's limit (answered in full now or in an earlier
    /// session): a silence to it is the link's, so it gets every attempt. A larger batch is a probe of the limit.
    /// </summary>
    public int ProvenOpc => Math.Max(LargestAcceptedOpc, RememberedLargestAcceptedOpc);

    /// <summary>EPCs the meter refused when asked alone (in this session).</summary>
    public IReadOnlySet<byte> ConfirmedUnsupported => _unsupported;

    /// <summary>EPCs an earlier session saw refused, not yet asked in this one (asked only when a batch has room).</summary>
    public IReadOnlySet<byte> RememberedRefused => _rememberedRefused;

    /// <summary>True while facts from an earlier session are in use (restored and not dropped).</summary>
    public bool IsRemembered { get; private set; }

    /// <summary>How many times <see cref="MaxOpc"/> was lowered.</summary>
    public int MaxOpcReductions { get; private set; }

    /// <summary>
    /// Called once with a reason (plain words) when an answer contradicts a remembered fact, after the remembered
    /// facts were dropped; the session logs it and relearns what it needs (the meter info).
    /// </summary>
    public Action<string>? Contradicted { get; set; }

    /// <summary>True when the map is known and lacks <paramref name="epc"/>.</summary>
    public bool IsOutsideMap(byte epc) => GetPropertyMap is { } map && !map.Contains(epc);

    /// <summary>Starts from what an earlier session learned (batch limit, largest full answer, refused EPCs).</summary>
    public void Restore(int maxOpc, int largestAcceptedOpc, IEnumerable<byte> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        MaxOpc = Math.Clamp(maxOpc, 1, byte.MaxValue);
        RememberedLargestAcceptedOpc = Math.Clamp(largestAcceptedOpc, 0, MaxOpc);
        _rememberedRefused.Clear();
        _rememberedRefused.UnionWith(refused.Where(e => !_unsupported.Contains(e)));
        IsRemembered = true;
    }

    /// <summary>
    /// Drops every remembered fact (an answer contradicted one): back to the initial batch limit unless this session
    /// lowered it on its own evidence; remembered refusals and the remembered largest batch are forgotten.
    /// </summary>
    public void Forget(string reason)
    {
        if (!IsRemembered)
        {
            return;
        }

        IsRemembered = false;
        RememberedLargestAcceptedOpc = 0;
        _rememberedRefused.Clear();
        if (!_loweredThisSession)
        {
            MaxOpc = Math.Max(_initialMaxOpc, LargestAcceptedOpc);
        }

        Contradicted?.Invoke(reason);
    }

    /// <summary>A remembered refused EPC was asked again: refused again → confirmed; answered → the memory is wrong.</summary>
    internal void OnRememberedRefusedAnswered(byte epc, bool refusedAgain)
    {
        if (!_rememberedRefused.Remove(epc))
        {
            return;
        }

        if (refusedAgain)
        {
            _unsupported.Add(epc);
        }
        else
        {
            Forget($"0x{epc:X2}, remembered as refused, was answered");
        }
    }

    internal void RecordAccepted(int opc) => LargestAcceptedOpc = Math.Max(LargestAcceptedOpc, opc);

    internal void RecordUnsupported(byte epc)
    {
        _unsupported.Add(epc);
        _rememberedRefused.Remove(epc);
    }

    /// <summary>
    /// Lowers <see cref="MaxOpc"/> to <paramref name="opc"/> unless the meter already answered that many in this session.
    /// A limit below the remembered largest full answer contradicts the memory: it is dropped first.
    /// </summary>
    internal void LowerMaxOpc(int opc)
    {
        opc = Math.Max(1, Math.Max(opc, LargestAcceptedOpc));
        if (opc < RememberedLargestAcceptedOpc)
        {
            Forget($"the meter no longer answers Gets of {RememberedLargestAcceptedOpc} EPCs (now at most {opc})");
        }

        if (opc < MaxOpc)
        {
            MaxOpc = opc;
            MaxOpcReductions++;
            _loweredThisSession = true;
        }
    }
}
