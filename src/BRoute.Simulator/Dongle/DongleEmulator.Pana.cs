using System.Net;
using BRoute.Simulator.Faults;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// PANA: SKJOIN, SKREJOIN, SKTERM, automatic re-authentication, expiry, and a meter that ends the session.
/// The exchange is shown as the capture shows it (timing.md §4): EVENT 21 02 + EVENT 02 on first contact,
/// EVENT 21 00 for the module's first message, then each meter message on 02CC (SECURED 0) followed by the
/// module's EVENT 21 00, then EVENT 25 — or EVENT 24.
/// </summary>
internal sealed partial class DongleEmulator
{
    private SessionState _session;
    private IPAddress? _peer;
    private int _sessionEpoch;
    private uint _panaSession = 0x10000000;
    private uint _panaSequence;

    private enum SessionState
    {
        None,
        Joining,
        Established,
        Reauthenticating,
    }

    private enum AuthKind
    {
        Join,
        Rejoin,
        Automatic,
    }

    /// <summary>True while no radio traffic is allowed (SKJOIN/SKREJOIN/automatic re-authentication under way).</summary>
    private bool Authenticating => _session is SessionState.Joining or SessionState.Reauthenticating;

    private void ResetSession()
    {
        _sessionEpoch++;
        _session = SessionState.None;
        _peer = null;
    }

    private void Join(ReadOnlySpan<string> args)
    {
        if (args.Length != 1)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        if (!SkAddress.TryParseIPv6(args[0], out var peer))
        {
            Fail(SkErrorCode.ER06);
            return;
        }

        ReplyAfter(_engine.Latency.LocalCommand(), () =>
        {
            _engine.Emit("OK\r\n");
            Authenticate(peer!, AuthKind.Join);
        });
    }

    private void Rejoin()
    {
        if (_session != SessionState.Established || _peer is null)
        {
            Fail(SkErrorCode.ER10);
            return;
        }

        var peer = _peer;
        ReplyAfter(_engine.Latency.LocalCommand(), () =>
        {
            _engine.Emit("OK\r\n");
            Authenticate(peer, AuthKind.Rejoin);
        });
    }

    private void Authenticate(IPAddress peer, AuthKind kind)
    {
        var epoch = ++_sessionEpoch;
        _session = kind == AuthKind.Automatic ? SessionState.Reauthenticating : SessionState.Joining;
        _peer = peer;
        var meter = _engine.Meter;
        var latency = _engine.Latency;
        var now = _engine.Time.GetUtcNow();
        var soonAfterTerm = kind == AuthKind.Join && meter.TerminatedAt is { } terminated && now - terminated < _engine.Faults.Options.TermQuietPeriod;
        if (kind == AuthKind.Join)
        {
            _engine.Stats.JoinAt(now);
            meter.CloseSession();
        }

        var reachable = peer.Equals(meter.Address) && meter.Reachable(Registers.Channel, Registers.PanId);
        var credentialsOk = meter.Accepts(RouteBId, Password);
        var forced = credentialsOk && reachable && (kind == AuthKind.Automatic
            ? _engine.Faults.Roll(FaultKind.ReauthFail)
            : _engine.Faults.ForcedJoinFailure() || (soonAfterTerm && _engine.Faults.Roll(FaultKind.JoinAfterTerm)));
        var total = kind == AuthKind.Automatic ? latency.Reauthentication() : latency.JoinTotal();
        var t = TimeSpan.Zero;

        void At(TimeSpan when, Action action) => After(when, () =>
        {
            if (epoch == _sessionEpoch)
            {
                action();
            }
        });

        void Failed(TimeSpan when) => At(when, () =>
        {
            _session = SessionState.None;
            _engine.Stats.JoinFailed();
            _engine.Emit(SkLines.Event(SkEventCode.PanaConnectionFailed, OwnAddress, Profile.DualSide));
        });

        if (!_neighbours.Contains(peer))
        {
            t += latency.UnicastTx();
            At(t, () => Event(SkEventCode.UdpSendFinished, peer, (byte)UdpSendResult.NeighborSolicitation));
            if (!reachable)
            {
                t += latency.NeighbourTimeout();
                At(t, () => Event(SkEventCode.UdpSendFinished, peer, (byte)UdpSendResult.Failure));
                Failed(Max(t, latency.JoinFailureReport()));
                return;
            }

            t += latency.NeighbourDiscovery();
            At(t, () =>
            {
                _neighbours.Add(peer);
                Event(SkEventCode.NeighborAdvertisementReceived, peer, null);
            });
        }

        t += latency.UnicastTx();
        var firstResult = reachable ? UdpSendResult.Success : UdpSendResult.Failure;
        At(t, () =>
        {
            AirTime(60, dongle: true);
            Event(SkEventCode.UdpSendFinished, peer, (byte)firstResult);
        });
        if (!reachable)
        {
            Failed(Max(t, latency.JoinFailureReport()));
            return;
        }

        var session = ++_panaSession;
        var sequence = _panaSequence += 8;
        var messages = credentialsOk
            ? PanaMessages.Success(session, sequence, (uint)meter.Options.SessionLifetime.TotalSeconds, _engine.Options.Seed + sequence)
            : PanaMessages.Rejection(session, sequence, _engine.Options.Seed + sequence);
        var shown = forced ? 2 : messages.Length;
        var gap = (total - t) / messages.Length;
        for (var i = 0; i < shown; i++)
        {
            var message = messages[i];
            var answer = latency.PanaAnswer();
            t += gap > answer ? gap - answer : latency.PanaSpacing();
            At(t, () => DeliverPana(message));
            t += answer;
            At(t, () =>
            {
                AirTime(80, dongle: true);
                Event(SkEventCode.UdpSendFinished, peer, (byte)UdpSendResult.Success);
            });
        }

        if (forced)
        {
            Failed(Max(t, latency.JoinFailureReport()));
            return;
        }

        t += latency.Event25();
        if (!credentialsOk)
        {
            Failed(t);
            return;
        }

        At(t, () => Established(peer, kind, epoch));
    }

    private void Established(IPAddress peer, AuthKind kind, int epoch)
    {
        var meter = _engine.Meter;
        _session = SessionState.Established;
        meter.OpenSession();
        _engine.Stats.JoinSucceeded();
        if (kind != AuthKind.Join)
        {
            _engine.Stats.Reauthenticated();
        }

        Event(SkEventCode.PanaConnectionSucceeded, peer, null);
        After(_engine.Latency.InstanceListInf(), () =>
        {
            if (epoch == _sessionEpoch && meter.SessionActive)
            {
                ReceiveFromMeter(BRoute.Simulator.Meter.NodeProfile.InstanceListNotification(), multicast: true, secured: true, foreign: false);
            }
        });

        var lifetime = _engine.Options.ReauthBasis == ReauthBasis.Meter
            ? meter.Options.SessionLifetime
            : TimeSpan.FromSeconds(Registers.Lifetime);
        // What ends this session, unless something else ends it first.
        TimeSpan lasts;
        Action end;
        if (_engine.Options.Faults.EarlyExpiry is { } early)
        {
            lasts = early;
            end = () =>
            {
                _engine.Faults.Count(FaultKind.EarlyExpiry);
                Expire();
            };
        }
        else if (Registers.AutoReauth)
        {
            lasts = lifetime * 0.8;
            end = () =>
            {
                // timing.md: EVENT 29 marks the start of the automatic re-authentication, EVENT 25 its end.
                Event(SkEventCode.SessionLifetimeExpired, peer, null);
                Authenticate(peer, AuthKind.Automatic);
            };
        }
        else
        {
            lasts = lifetime;
            end = Expire;
        }

        AfterSimulated(lasts, () =>
        {
            if (epoch == _sessionEpoch && _session == SessionState.Established)
            {
                end();
            }
        });
    }

    private void Expire()
    {
        var peer = _peer!;
        ResetSession();
        _engine.Meter.CloseSession();
        _engine.Stats.SessionExpired();
        Event(SkEventCode.SessionLifetimeExpired, peer, null);
    }

    private void Terminate()
    {
        if (_session != SessionState.Established || _peer is null)
        {
            Fail(SkErrorCode.ER10);
            return;
        }

        var peer = _peer;
        var meter = _engine.Meter;
        var answered = peer.Equals(meter.Address) && meter.Reachable(Registers.Channel, Registers.PanId) && meter.SessionActive;
        _engine.Stats.TerminateAt(_engine.Time.GetUtcNow());
        ResetSession();
        ReplyAfter(_engine.Latency.LocalCommand(), () =>
        {
            _engine.Emit("OK\r\n");
            var tx = _engine.Latency.UnicastTx();
            After(tx, () =>
            {
                AirTime(60, dongle: true);
                Event(SkEventCode.UdpSendFinished, peer, (byte)(answered ? UdpSendResult.Success : UdpSendResult.Failure));
            });
            After(tx + _engine.Latency.Termination(answered), () =>
            {
                if (answered)
                {
                    meter.Terminated(_engine.Time.GetUtcNow());
                    DeliverPana(PanaMessages.TerminationAnswer(_panaSession, ++_panaSequence, _engine.Options.Seed));
                    Event(SkEventCode.SessionTerminationCompleted, peer, null);
                }
                else
                {
                    Event(SkEventCode.SessionTerminationTimedOut, peer, null);
                }
            });
        });
    }

    /// <summary>The meter-terminate fault: the meter ends the session (PANA-Termination-Request, EVENT 26).</summary>
    public void MeterTerminates()
    {
        var meter = _engine.Meter;
        if (_session != SessionState.Established || _peer is null || !meter.SessionActive || !meter.Reachable(Registers.Channel, Registers.PanId))
        {
            return;
        }

        var peer = _peer;
        ResetSession();
        meter.CloseSession();
        DeliverPana(PanaMessages.TerminationRequest(_panaSession, ++_panaSequence, _engine.Options.Seed));
        Event(SkEventCode.SessionTerminationRequested, peer, null);
    }

    /// <summary>The tx-limit fault: EVENT 32 at the start of a spell, EVENT 33 at its end; SFB follows.</summary>
    public void TransmissionLimit(bool active)
    {
        Registers.TxLimited = active;
        Event(active ? SkEventCode.TransmissionLimitExceeded : SkEventCode.TransmissionLimitReleased, OwnAddress, null);
    }

    private void DeliverPana(byte[] message)
    {
        var meter = _engine.Meter;
        AirTime(message.Length, dongle: false);
        _engine.Stats.UdpSent();
        _engine.Emit(SkLines.Erxudp(
            Profile.Layout(Registers.ShowRssi), _mode, meter.Address, OwnAddress, SkPorts.Pana, SkPorts.Pana,
            meter.Options.Mac, meter.Options.Lqi, secured: false, message));
    }

    private void Event(SkEventCode code, IPAddress address, byte? param) =>
        _engine.Emit(SkLines.Event(code, address, Profile.DualSide, param));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
