using BRoute.Scanning;

namespace BRoute.Connection;

/// <summary>Something the session must do, produced by <see cref="ConnectionMachine.Step"/>.</summary>
internal abstract record ConnectionAction;

/// <summary>Run the scan ladder (<see cref="ScanPlan"/> with <paramref name="KnownChannel"/>), then feed ScanSucceeded or ScanExhausted.</summary>
internal sealed record StartScan(byte? KnownChannel) : ConnectionAction;

/// <summary>SKSREG S2/S3 from the PAN, SKLL64, SKJOIN; feed the EVENT 25/24 that follows (never sent while the quiet-period timer runs).</summary>
internal sealed record Join(MeterPan Pan, PanSource Source) : ConnectionAction;

/// <summary>SKPING the meter (wakes it before a join retry; EPONG is not required).</summary>
internal sealed record PingMeter(MeterPan Pan) : ConnectionAction;

/// <summary>Store the PAN in the PAN cache (a scanned PAN that joined).</summary>
internal sealed record SavePan(MeterPan Pan) : ConnectionAction;

/// <summary>Delete the cached PAN (a join with it failed).</summary>
internal sealed record InvalidatePanCache : ConnectionAction;

/// <summary>Arm a timer; when it expires feed <c>TimerFired(Kind, Id)</c>. Re-arming a kind replaces it.</summary>
internal sealed record StartTimer(TimerKind Kind, TimeSpan Delay, int Id) : ConnectionAction;

/// <summary>Disarm a timer (a late TimerFired with the old id is ignored anyway).</summary>
internal sealed record CancelTimer(TimerKind Kind) : ConnectionAction;

/// <summary>Open or close the gate in front of request sending (<see cref="ConnectionState.CanSend"/> changed).</summary>
internal sealed record SetSendGate(bool Open) : ConnectionAction;

/// <summary>Close the device and open it again (and re-initialise the dongle); feed TransportReopened or TransportReopenFailed.</summary>
internal sealed record ReopenTransport : ConnectionAction;

/// <summary>End the PANA session politely (SKTERM) before closing.</summary>
internal sealed record Terminate : ConnectionAction;

/// <summary>Give up: report <paramref name="Failure"/> with <paramref name="Message"/>.</summary>
internal sealed record Fail(ConnectionFailure Failure, string Message) : ConnectionAction;

/// <summary>Result of a step: the next state and the actions, in order.</summary>
internal sealed record Transition(ConnectionState State, IReadOnlyList<ConnectionAction> Actions);
