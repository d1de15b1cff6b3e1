using System.Globalization;
using BRoute.Connection;
using BRoute.SkStack.Grammar;

namespace BRoute.Session;

/// <summary>What the connection says to the user and the log: why a request cannot be sent, what an EVENT means.</summary>
internal static class ConnectionText
{
    public static string OutageMessage(ConnectionState state, TimeSpan waited)
    {
        var why = state switch
        {
            { Phase: ConnectionPhase.Connected, TransmitPaused: true } => "the dongle's hourly transmission budget is exhausted (EVENT 32) and EVENT 33 has not come",
            { Phase: ConnectionPhase.Reauthenticating } => "the PANA session expired (EVENT 29) and re-authentication has not finished",
            { Phase: ConnectionPhase.Joining, JoinInFlight: false } when state.Timers.ContainsKey(TimerKind.QuietPeriod) =>
                "the session ended with SKTERM and the quiet period before the next SKJOIN is not over",
            { Phase: ConnectionPhase.Joining } => "the session is being re-established (SKJOIN) and the meter has not answered yet",
            { Phase: ConnectionPhase.Reopening } => "the dongle is gone (transport lost) and has not come back yet",
            { Phase: ConnectionPhase.Scanning } => "the meter is being searched for again (scan)",
            _ => $"the connection is {state.Phase}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"the meter cannot be reached: {why} (waited {waited.TotalSeconds:0} s)");
    }

    public static string EventMeaning(SkEventCode code) => code switch
    {
        SkEventCode.PanaConnectionFailed => "PANA authentication failed",
        SkEventCode.PanaConnectionSucceeded => "PANA session established",
        SkEventCode.SessionTerminationRequested => "the meter ended the session",
        SkEventCode.SessionTerminationCompleted => "session terminated",
        SkEventCode.SessionTerminationTimedOut => "termination got no answer",
        SkEventCode.SessionLifetimeExpired => "session lifetime expired",
        SkEventCode.TransmissionLimitExceeded => "hourly transmission budget exhausted",
        SkEventCode.TransmissionLimitReleased => "transmission budget released",
        _ => code.ToString(),
    };
}
