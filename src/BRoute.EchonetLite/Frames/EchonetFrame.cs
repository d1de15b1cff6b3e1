namespace BRoute.EchonetLite.Frames;

/// <summary>
/// An ECHONET Lite frame in specified message format (EHD 0x1081).
/// For the SetGet family (0x6E, 0x7E, 0x5E) <see cref="Properties"/> holds the Set half
/// and <see cref="GetProperties"/> the Get half; for every other ESV <see cref="GetProperties"/> is empty.
/// </summary>
public sealed class EchonetFrame
{
    public EchonetFrame(ushort tid, Eoj seoj, Eoj deoj, Esv esv, IReadOnlyList<EchonetProperty> properties, IReadOnlyList<EchonetProperty>? getProperties = null)
    {
        ArgumentNullException.ThrowIfNull(properties);
        Tid = tid;
        Seoj = seoj;
        Deoj = deoj;
        Esv = esv;
        Properties = properties;
        GetProperties = getProperties ?? [];
    }

    /// <summary>Transaction ID chosen by the requester and copied into the reply.</summary>
    public ushort Tid { get; }

    /// <summary>Source object.</summary>
    public Eoj Seoj { get; }

    /// <summary>Destination object.</summary>
    public Eoj Deoj { get; }

    /// <summary>Service code.</summary>
    public Esv Esv { get; }

    /// <summary>Property blocks (the Set half for the SetGet family).</summary>
    public IReadOnlyList<EchonetProperty> Properties { get; }

    /// <summary>The Get half of a SetGet-family frame; empty otherwise.</summary>
    public IReadOnlyList<EchonetProperty> GetProperties { get; }

    /// <summary>Builds a Get request (every PDC 0).</summary>
    public static EchonetFrame Get(ushort tid, Eoj seoj, Eoj deoj, params ReadOnlySpan<byte> epcs)
    {
        var props = new EchonetProperty[epcs.Length];
        for (var i = 0; i < epcs.Length; i++)
        {
            props[i] = new EchonetProperty(epcs[i]);
        }

        return new EchonetFrame(tid, seoj, deoj, Esv.Get, props);
    }

    /// <summary>
    /// Builds a reply to <paramref name="request"/>: same TID, the requester as destination, and
    /// <paramref name="responder"/> (by default the request's DEOJ) as source.
    /// </summary>
    /// <param name="responder">
    /// The instance that answers. Required when the request's DEOJ is instance 0x00, which addresses
    /// every instance of a class (echonet-lite.md §3): a reply comes from one real instance.
    /// </param>
    /// <exception cref="ArgumentException">The source would be instance 0x00.</exception>
    public static EchonetFrame CreateResponse(
        EchonetFrame request, Esv esv, IReadOnlyList<EchonetProperty> properties,
        IReadOnlyList<EchonetProperty>? getProperties = null, Eoj? responder = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = responder ?? request.Deoj;
        if (source.Instance == 0)
        {
            throw new ArgumentException(
                $"a reply comes from a real instance, not {source} (instance 0x00 addresses all instances): pass the responder",
                responder is null ? nameof(request) : nameof(responder));
        }

        return new EchonetFrame(request.Tid, source, request.Seoj, esv, properties, getProperties);
    }

    /// <summary>
    /// Builds the INFC_Res (0x7A) that acknowledges <paramref name="infc"/>: same TID, objects swapped,
    /// the same EPCs in the same order, each with PDC 0 (echonet-lite.md §5, §10).
    /// </summary>
    /// <param name="infc">The INFC.</param>
    /// <param name="responder">The acknowledging instance; required when the INFC's DEOJ is instance 0x00.</param>
    /// <exception cref="ArgumentException"><paramref name="infc"/> is not an INFC (0x74), or the source would be instance 0x00.</exception>
    public static EchonetFrame CreateInfcResponse(EchonetFrame infc, Eoj? responder = null)
    {
        ArgumentNullException.ThrowIfNull(infc);
        if (infc.Esv != Esv.InfC)
        {
            throw new ArgumentException($"only an INFC (0x74) is acknowledged, got {infc.Esv.Symbol()}", nameof(infc));
        }

        var props = new EchonetProperty[infc.Properties.Count];
        for (var i = 0; i < props.Length; i++)
        {
            props[i] = new EchonetProperty(infc.Properties[i].Epc);
        }

        return CreateResponse(infc, Esv.InfCRes, props, responder: responder);
    }

    /// <summary>
    /// The object whose properties the blocks describe: the destination of a request (0x6X),
    /// the source of a reply or notification.
    /// </summary>
    public Eoj PropertyOwner => Esv.IsRequest() ? Deoj : Seoj;

    /// <summary>Looks up the first property block with this EPC (searching the Get half too).</summary>
    public bool TryGetProperty(byte epc, out EchonetProperty property)
    {
        return TryFind(Properties, epc, out property) || TryFind(GetProperties, epc, out property);

        static bool TryFind(IReadOnlyList<EchonetProperty> list, byte epc, out EchonetProperty property)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Epc == epc)
                {
                    property = list[i];
                    return true;
                }
            }

            property = default;
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"TID {Tid:X4} {Seoj}->{Deoj} {Esv.Symbol()} OPC {Properties.Count}" +
        (Esv.IsSetGet() ? $"+{GetProperties.Count}" : string.Empty);
}
