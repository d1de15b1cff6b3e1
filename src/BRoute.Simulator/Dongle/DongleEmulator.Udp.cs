using System.Net;
using BRoute.Simulator.Faults;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// SKSENDTO, SKPING, and datagrams arriving from the meter (ERXUDP). Order on the line for a unicast request:
/// CRLF at the end of the payload, EVENT 21 after the radio's TX delay, OK 0–5 ms later, and only then,
/// after the meter's reply delay, the ERXUDP.
/// </summary>
internal sealed partial class DongleEmulator
{
    private static readonly IPAddress ForeignNode = SkAddress.LinkLocalFromMac(0x001D129000ABCDEF);

    /// <summary>Neighbor Solicitations for one datagram before it is dropped (RFC 4861 MAX_MULTICAST_SOLICIT).</summary>
    private const int MaxSolicitations = 3;
    private readonly List<byte[]> _lateReplies = [];

    private void SendTo(ReadOnlySpan<string> args, byte[]? data)
    {
        // Header: HANDLE IPADDR PORT SEC [SIDE] LEN; the framer already took LEN bytes of payload.
        var expected = Profile.DualSide ? 6 : 5;
        _engine.Stats.UdpReceived();
        if (data is null)
        {
            Fail(SkErrorCode.ER05); // the line ended before the payload started
            return;
        }

        _engine.Emit(SkLines.CrLf); // the module ends the (possibly un-echoed) command line itself
        if (args.Length != expected + 1 || args[expected].Length != 0)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkLines.TryHex(args[0], 1, out var handle) || handle is < 1 or > 6
            || !SkAddress.TryParseIPv6(args[1], out var dest)
            || !SkLines.TryHex(args[2], 4, out var port) || port == 0
            || args[3] is not ("0" or "1" or "2")
            || (Profile.DualSide && args[4] is not ("0" or "1")))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        var sec = args[3][0] - '0';
        var multicast = dest!.IsIPv6Multicast;
        if (_handles[handle - 1] == 0 || (sec == 1 && _session == SessionState.None))
        {
            Fail(SkErrorCode.ER10); // unbound handle; or "encrypt or drop" with no PANA security association
            return;
        }

        var meter = _engine.Meter;
        var latency = _engine.Latency;
        var encrypted = sec != 0 && _session != SessionState.None;
        var toMeter = dest.Equals(meter.Address) || multicast;
        var reachable = toMeter && meter.Reachable(Registers.Channel, Registers.PanId);
        var t = latency.UnicastTx();
        var blocked = Authenticating || Registers.TxLimited;
        var lostRequest = !blocked && reachable && !multicast && _engine.Faults.Roll(FaultKind.LostRequest);
        var lostAck = !blocked && reachable && !multicast && !lostRequest && _engine.Faults.Roll(FaultKind.LostAck);

        var okGiven = false; // OkAfterSolicitation: the OK already followed EVENT 21 02 and the datagram is held

        void Finish(TimeSpan at, UdpSendResult result, Action? delivered)
        {
            if (okGiven)
            {
                // The held datagram's own EVENT 21 comes on its own, after the command's OK.
                After(at, () =>
                {
                    Event(SkEventCode.UdpSendFinished, dest, (byte)result);
                    delivered?.Invoke();
                });
                return;
            }

            _busy = true;
            After(at, () => Event(SkEventCode.UdpSendFinished, dest, (byte)result));
            After(at + latency.OkAfterEvent21(), () =>
            {
                _engine.Emit("OK\r\n");
                FlushLateReplies();
                delivered?.Invoke();
                _busy = false;
                Drain();
            });
        }

        if (blocked)
        {
            // No radio TX while authenticating (manual p.17) or during a TX-limit spell: the module cancels it.
            Finish(t, UdpSendResult.Failure, null);
            return;
        }

        void Solicit(TimeSpan at) => After(at, () => Event(SkEventCode.UdpSendFinished, dest, (byte)UdpSendResult.NeighborSolicitation));

        if (!multicast && !_neighbours.Contains(dest))
        {
            // First unicast to an unknown neighbour: Neighbor Solicitation first (EVENT 21 … 02).
            Solicit(t);
            if (_engine.Options.OkAfterSolicitation)
            {
                OkWhileHeld(t);
            }

            if (!reachable)
            {
                Finish(t + latency.NeighbourTimeout(), UdpSendResult.Failure, null);
                return;
            }

            // unanswered-ns: no Neighbor Advertisement; the module solicits again after RetransTimer, and drops the
            // datagram after MAX_MULTICAST_SOLICIT unanswered solicitations (RFC 4861 §10: 1 s, 3).
            for (var solicited = 1; _engine.Faults.SolicitationUnanswered(); solicited++)
            {
                t += latency.NeighbourRetransmit();
                if (solicited == MaxSolicitations)
                {
                    Finish(t, UdpSendResult.Failure, null);
                    return;
                }

                Solicit(t);
            }

            t += latency.NeighbourDiscovery();
            After(t, () =>
            {
                _neighbours.Add(dest);
                Event(SkEventCode.NeighborAdvertisementReceived, dest, null);
            });
            t += latency.UnicastTx();
        }

        AirTime(data.Length, dongle: true);
        if (!reachable && !multicast)
        {
            Finish(t, UdpSendResult.Failure, null); // no MAC ACK
            return;
        }

        var result = lostRequest || lostAck ? UdpSendResult.Failure : UdpSendResult.Success;
        Action? deliver = reachable && !lostRequest && (ushort)port == 0x0E1A
            ? () => MeterReceives(data, encrypted)
            : null;
        Finish(t, result, deliver);

        void OkWhileHeld(TimeSpan solicitedAt)
        {
            // OK right after EVENT 21 02: the command is done, the datagram waits for address resolution.
            okGiven = true;
            _busy = true;
            After(solicitedAt + latency.OkAfterEvent21(), () =>
            {
                _engine.Emit("OK\r\n");
                FlushLateReplies();
                _busy = false;
                Drain();
            });
        }
    }

    /// <summary>The forget-neighbour fault: the meter's neighbour cache entry expires; the next unicast solicits it again.</summary>
    public void ForgetMeterNeighbour() => _neighbours.Remove(_engine.Meter.Address);

    /// <summary>The meter got the datagram: answer after its reply delay, with the reply-side faults.</summary>
    private void MeterReceives(byte[] data, bool encrypted)
    {
        var meter = _engine.Meter;
        if (!encrypted || !meter.SessionActive)
        {
            // B-route accepts only frames protected by the PANA session; a rebooted meter has none.
            _engine.Stats.EchonetDrop();
            return;
        }

        var reply = meter.Server.Handle(data);
        if (reply is null)
        {
            return;
        }

        var faults = _engine.Faults;
        if (faults.Roll(FaultKind.LostReply))
        {
            return;
        }

        var delay = _engine.Latency.MeterReply(reply.Frame.Length, reply.EpcCount, reply.History);
        var unsecured = faults.Roll(FaultKind.Unsecured);
        if (faults.Roll(FaultKind.LateReply))
        {
            _lateReplies.Add(reply.Frame);
            var frame = reply.Frame;
            After(_engine.Latency.LateReply(), () =>
            {
                if (_lateReplies.Remove(frame))
                {
                    ReceiveFromMeter(frame, multicast: false, secured: true, foreign: false);
                }
            });
            return;
        }

        After(delay, () =>
        {
            ReceiveFromMeter(reply.Frame, multicast: false, secured: !unsecured, foreign: false);
            if (faults.Roll(FaultKind.ForeignErxudp))
            {
                ReceiveFromMeter(reply.Frame, multicast: false, secured: true, foreign: true);
            }
        });
        if (faults.Roll(FaultKind.DuplicateReply))
        {
            After(delay + _engine.Latency.Duplicate(), () => ReceiveFromMeter(reply.Frame, multicast: false, secured: !unsecured, foreign: false));
        }
    }

    /// <summary>Late replies held back arrive right after the client's next request went out.</summary>
    private void FlushLateReplies()
    {
        if (_lateReplies.Count == 0)
        {
            return;
        }

        var held = _lateReplies.ToArray();
        _lateReplies.Clear();
        After(TimeSpan.Zero, () =>
        {
            foreach (var frame in held)
            {
                ReceiveFromMeter(frame, multicast: false, secured: true, foreign: false);
            }
        });
    }

    /// <summary>
    /// A datagram from the meter reaches the dongle: printed as ERXUDP if the dongle is on the meter's channel
    /// and PAN, has a session to decrypt it, and listens on the port. <paramref name="foreign"/> makes it come
    /// from another node or from a port other than 3610 (the foreign-erxudp fault).
    /// </summary>
    public void ReceiveFromMeter(byte[] payload, bool multicast, bool secured, bool foreign)
    {
        var meter = _engine.Meter;
        if (!meter.Reachable(Registers.Channel, Registers.PanId) || (secured && _session == SessionState.None) || !_handles.Contains((ushort)0x0E1A))
        {
            return;
        }

        var sender = meter.Address;
        var lla = meter.Options.Mac;
        ushort rport = 0x0E1A;
        if (foreign)
        {
            if (_engine.Faults.Random.Next(2) == 0)
            {
                sender = ForeignNode;
                lla = 0x001D129000ABCDEF;
            }
            else
            {
                rport = 0x0E1B;
            }
        }

        AirTime(payload.Length, dongle: false);
        _engine.Stats.UdpSent();
        _engine.Emit(SkLines.Erxudp(
            Profile.Layout(Registers.ShowRssi), _mode, sender, multicast ? SkAddress.AllNodes : OwnAddress, rport, 0x0E1A,
            lla, meter.Options.Lqi, secured, payload));
    }

    private void Ping(ReadOnlySpan<string> args)
    {
        if (args.Length != 1 && !(Profile.DualSide && args.Length == 2))
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkAddress.TryParseIPv6(args[0], out var target) || (args.Length == 2 && args[1] is not ("0" or "1")))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        var meter = _engine.Meter;
        ReplyAfter(_engine.Latency.LocalCommand(), () =>
        {
            _engine.Emit("OK\r\n");
            if (Authenticating || Registers.TxLimited || !target!.Equals(meter.Address) || !meter.Reachable(Registers.Channel, Registers.PanId))
            {
                return; // no echo reply ever comes
            }

            After(_engine.Latency.Ping(), () =>
            {
                _neighbours.Add(target);
                _engine.Emit($"EPONG {SkLines.Ip(target)}\r\n");
            });
        });
    }

    private void AirTime(int payloadBytes, bool dongle)
    {
        // ≈ 40 bytes of PHY/MAC/6LoWPAN/UDP overhead at 100 kbit/s: 0.08 ms per byte.
        var t = TimeSpan.FromMilliseconds((payloadBytes + 40) * 0.08);
        _engine.Stats.AirTime(t, dongle);
        if (dongle)
        {
            Registers.FrameCounter++;
            Registers.AirTimeMs = (ulong)_engine.Stats.DongleAirTimeMs;
        }
    }
}
