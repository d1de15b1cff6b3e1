using BRoute.EchonetLite.Frames;
using BRoute.Simulator.Stats;
using BRoute.SkStack.Commands;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The meter's ECHONET Lite service (echonet-lite.md §4–§6): answers Get, SetC, SetI, INF_REQ and SetGet for
/// the meter object and the node profile, with the SNA rules of §5; drops what needs no answer.
/// </summary>
internal sealed class EchonetServer
{
    private readonly SmartMeter _meter;
    private readonly NodeProfile _node;
    private readonly MeterOptions _options;
    private readonly SimulatorStats _stats;

    public EchonetServer(SmartMeter meter, NodeProfile node, MeterOptions options, SimulatorStats stats)
    {
        _meter = meter;
        _node = node;
        _options = options;
        _stats = stats;
    }

    /// <summary>A reply frame, or null when the request gets none. Counts drops.</summary>
    public Reply? Handle(ReadOnlyMemory<byte> payload)
    {
        if (!FrameCodec.TryDecode(payload, out var request, out _))
        {
            _stats.EchonetDrop();
            return null;
        }

        var target = request!.Deoj switch
        {
            { ClassGroup: 0x02, Class: 0x88, Instance: 0x00 or 0x01 } => Eoj.SmartMeter,
            { ClassGroup: 0x0E, Class: 0xF0, Instance: 0x00 or 0x01 } => Eoj.NodeProfile,
            _ => (Eoj?)null,
        };
        if (target is null || !request.Esv.IsRequest() && request.Esv != Esv.InfCRes)
        {
            _stats.EchonetDrop();
            return null;
        }

        _stats.EchonetRequest();
        var isMeter = target == Eoj.SmartMeter;
        Func<byte, byte[]?> read = isMeter ? _meter.Read : _node.Read;
        return request.Esv switch
        {
            Esv.Get => Get(request, target.Value, read),
            Esv.SetC or Esv.SetI => Set(request, target.Value, isMeter),
            Esv.InfReq => InfReq(request, target.Value, read),
            Esv.SetGet => SetGet(request, target.Value, isMeter, read),
            _ => null, // INFC_Res: an acknowledgement, nothing to answer; reserved request codes: no answer
        };
    }

    private Reply? Get(EchonetFrame request, Eoj target, Func<byte, byte[]?> read)
    {
        var n = request.Properties.Count;
        if (n > _options.MaxGetOpc && _options.OverOpc == OverOpcBehavior.Drop)
        {
            _stats.EchonetDrop();
            return null;
        }

        var limit = _options.OverOpc == OverOpcBehavior.Answer ? int.MaxValue : _options.MaxGetOpc;
        var (props, ok) = ReadAll(request.Properties, read, limit);
        var esv = ok && n > 0 ? Esv.GetRes : Esv.GetSna;
        return Build(request, target, esv, props, null);
    }

    private (List<EchonetProperty> Props, bool Ok) ReadAll(IReadOnlyList<EchonetProperty> asked, Func<byte, byte[]?> read, int limit)
    {
        var ok = true;
        var size = FrameCodec.HeaderLength;
        var props = new List<EchonetProperty>(asked.Count);
        for (var i = 0; i < asked.Count; i++)
        {
            var epc = asked[i].Epc;
            _stats.Get(epc);
            var value = i < limit ? read(epc) : null;
            if (value is not null && size + 2 + value.Length + (2 * (asked.Count - i - 1)) > SkCommand.MaxSendLength)
            {
                value = null; // would not fit one datagram (SKSTACK carries at most 0x04D0 bytes)
            }

            if (value is null)
            {
                ok = false;
                props.Add(new EchonetProperty(epc));
                size += 2;
            }
            else
            {
                props.Add(new EchonetProperty(epc, value));
                size += 2 + value.Length;
            }
        }

        return (props, ok);
    }

    private Reply? Set(EchonetFrame request, Eoj target, bool isMeter)
    {
        var (props, ok) = WriteAll(request.Properties, isMeter);
        if (request.Esv == Esv.SetI)
        {
            return ok ? null : Build(request, target, Esv.SetISna, props, null);
        }

        return Build(request, target, ok ? Esv.SetRes : Esv.SetCSna, props, null);
    }

    private (List<EchonetProperty> Props, bool Ok) WriteAll(IReadOnlyList<EchonetProperty> asked, bool isMeter)
    {
        var ok = asked.Count > 0;
        var props = new List<EchonetProperty>(asked.Count);
        foreach (var p in asked)
        {
            if (isMeter && p.Pdc > 0 && _meter.Write(p.Epc, p.Edt.Span))
            {
                props.Add(new EchonetProperty(p.Epc));
            }
            else
            {
                ok = false;
                props.Add(p); // rejected: PDC and EDT echoed
            }
        }

        return (props, ok);
    }

    private Reply? InfReq(EchonetFrame request, Eoj target, Func<byte, byte[]?> read)
    {
        var (props, ok) = ReadAll(request.Properties, read, int.MaxValue);
        return Build(request, target, ok && props.Count > 0 ? Esv.Inf : Esv.InfSna, props, null);
    }

    private Reply? SetGet(EchonetFrame request, Eoj target, bool isMeter, Func<byte, byte[]?> read)
    {
        var (set, setOk) = WriteAll(request.Properties, isMeter);
        var (get, getOk) = ReadAll(request.GetProperties, read, _options.MaxGetOpc);
        return Build(request, target, setOk && getOk ? Esv.SetGetRes : Esv.SetGetSna, set, get);
    }

    private static Reply Build(EchonetFrame request, Eoj target, Esv esv, List<EchonetProperty> props, List<EchonetProperty>? get)
    {
        // A request to instance 0x00 (028800, 0EF000) is answered from the real instance (028801, 0EF001): the resolved target.
        var frame = EchonetFrame.CreateResponse(request, esv, props, get, responder: target);
        var bytes = FrameCodec.Encode(frame);
        var history = props.Exists(p => p.Epc is 0xE2 or 0xE4 && p.Pdc > 0);
        return new Reply(bytes, props.Count + (get?.Count ?? 0), history);
    }

    /// <summary>An encoded reply and what the latency model needs to know about it.</summary>
    public sealed record Reply(byte[] Frame, int EpcCount, bool History);
}
