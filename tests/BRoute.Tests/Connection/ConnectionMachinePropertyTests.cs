using BRoute.Connection;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using CsCheck;

namespace BRoute.Tests.Connection;

public sealed class ConnectionMachinePropertyTests
{
    private static readonly MeterPan Pan = new(0x2A, 0x1234, 0x001D129012345678, "CCDDEEFF");
    private static readonly SkEventCode[] Events =
    [
        SkEventCode.PanaConnectionFailed, SkEventCode.PanaConnectionSucceeded, SkEventCode.SessionTerminationRequested,
        SkEventCode.SessionTerminationCompleted, SkEventCode.SessionTerminationTimedOut, SkEventCode.SessionLifetimeExpired,
        SkEventCode.TransmissionLimitExceeded, SkEventCode.TransmissionLimitReleased, SkEventCode.UdpSendFinished,
    ];

    /// <summary>Picks an input; timers are fired with their armed id, or a stale one.</summary>
    private static ConnectionInput Pick(int choice, int arg, ConnectionState s) => choice switch
    {
        0 => new Start(arg % 2 == 0 ? Pan : null) { QuietFor = TimeSpan.FromSeconds(arg % 3 * 4) },
        1 => new ScanSucceeded(Pan),
        2 => new ScanExhausted("no meter"),
        3 or 4 or 5 => new SkEvent(Events[arg % Events.Length]),
        6 or 7 => s.Timers.Count > 0 ? new TimerFired(s.Timers.Keys.ElementAt(arg % s.Timers.Count), s.Timers.Values.ElementAt(arg % s.Timers.Count)) : new TimerFired(TimerKind.Join, arg),
        8 => new TransportLost(),
        9 => new TransportReopened(),
        10 => new TransportReopenFailed(),
        _ => new Stop(),
    };

    [Fact]
    public void Invariants_hold_for_any_input_sequence()
    {
        var options = new ConnectionOptions();
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, 1000]).Array[1, 120].Sample(inputs =>
        {
            var s = ConnectionState.Initial(1);
            var gateOpen = false;
            var armed = new Dictionary<TimerKind, int>();
            foreach (var (choice, arg) in inputs)
            {
                var before = s;
                var t = ConnectionMachine.Step(s, Pick(choice, arg, s), options);
                s = t.State;
                foreach (var a in t.Actions)
                {
                    switch (a)
                    {
                        case SetSendGate g:
                            gateOpen = g.Open;
                            break;
                        case StartTimer st:
                            armed[st.Kind] = st.Id;
                            break;
                        case CancelTimer ct:
                            armed.Remove(ct.Kind);
                            break;
                        case Join:
                            // Never two SKJOINs at once.
                            Assert.False(before.JoinInFlight && before.Phase == ConnectionPhase.Joining);
                            Assert.Contains(t.Actions, x => x is StartTimer { Kind: TimerKind.Join });
                            break;
                    }
                }

                // The gate the session sees always equals the state's CanSend.
                Assert.Equal(s.CanSend, gateOpen);
                Assert.True(!s.CanSend || s.Phase == ConnectionPhase.Connected);

                // Timer bookkeeping in the state matches what the session was told (fired timers drop out of both).
                foreach (var kind in armed.Keys.Except(s.Timers.Keys).ToArray())
                {
                    armed.Remove(kind);
                }

                Assert.Equal(armed.OrderBy(p => p.Key), s.Timers.OrderBy(p => p.Key));

                if (s.JoinInFlight)
                {
                    Assert.Equal(ConnectionPhase.Joining, s.Phase);
                    Assert.True(s.Timers.ContainsKey(TimerKind.Join));
                }

                // No SKJOIN while the quiet period after SKTERM runs; the quiet timer runs only before a join.
                if (s.Timers.ContainsKey(TimerKind.QuietPeriod))
                {
                    Assert.DoesNotContain(t.Actions, a => a is Join);
                    Assert.False(s.JoinInFlight);
                    Assert.Equal(ConnectionPhase.Joining, s.Phase);
                }

                if (s.Phase is ConnectionPhase.Joining or ConnectionPhase.Connected or ConnectionPhase.Reauthenticating)
                {
                    Assert.NotNull(s.Pan);
                }

                Assert.Equal(s.Phase == ConnectionPhase.Failed, s.Failure != ConnectionFailure.None);
                Assert.True(s.AuthenticationFailures <= options.MaxAuthenticationFailures);
                Assert.True(s.SilentJoins <= options.MaxSilentJoins);
                if (s.Phase == ConnectionPhase.Failed)
                {
                    Assert.Empty(s.Timers);
                }
            }
        }, iter: 1000);
    }
}
