namespace BRoute.Simulator.Faults;

/// <summary>Every fault the simulator can inject; the names are the <c>--faults</c> keys and the stats keys.</summary>
public static class FaultKind
{
    public const string LostRequest = "lost-request";
    public const string LostReply = "lost-reply";
    public const string LostAck = "lost-ack";
    public const string LateReply = "late-reply";
    public const string DuplicateReply = "duplicate-reply";
    public const string Garbage = "garbage";
    public const string GarbledLine = "garbled-line";
    public const string ForeignErxudp = "foreign-erxudp";
    public const string Unsecured = "unsecured";
    public const string LostInf = "lost-inf";
    public const string AuthFail = "auth-fail";
    public const string AuthFailFirst = "auth-fail-first";
    public const string JoinAfterTerm = "join-after-term";
    public const string ReauthFail = "reauth-fail";
    public const string EarlyExpiry = "early-expiry";
    public const string TxLimit = "tx-limit";
    public const string MeterReboot = "meter-reboot";
    public const string MeterTerminate = "meter-terminate";
    public const string DongleReset = "dongle-reset";
    public const string Vanish = "vanish";
    public const string ForgetNeighbour = "forget-neighbour";
    public const string UnansweredNs = "unanswered-ns";
    public const string SplitEcho = "split-echo";

    /// <summary>Faults given as a probability per event (0–1).</summary>
    public static readonly IReadOnlyList<string> Probabilities =
    [
        LostRequest, LostReply, LostAck, LateReply, DuplicateReply, Garbage, GarbledLine, ForeignErxudp,
        Unsecured, LostInf, AuthFail, JoinAfterTerm, ReauthFail, SplitEcho,
    ];

    /// <summary>Faults given as a count N: the first N events of their kind fail.</summary>
    public static readonly IReadOnlyList<string> Counted = [AuthFailFirst, UnansweredNs];

    /// <summary>Faults given as PERIOD[/DURATION] in simulated seconds.</summary>
    public static readonly IReadOnlyList<string> Periodic = [TxLimit, MeterReboot, MeterTerminate, DongleReset, Vanish, ForgetNeighbour];
}
