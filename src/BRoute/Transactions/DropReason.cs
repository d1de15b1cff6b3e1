namespace BRoute.Transactions;

/// <summary>Why an incoming frame was neither a reply nor a notification.</summary>
public enum DropReason
{
    /// <summary>Reply to a request that was given up (timed out or cancelled) within the remembered window.</summary>
    Stale,

    /// <summary>A further reply to a request that was already answered (e.g. both copies of a resent request answered).</summary>
    Duplicate,

    /// <summary>Sent from an address that is not the meter's.</summary>
    ForeignAddress,

    /// <summary>Sent from a UDP port other than 3610.</summary>
    ForeignPort,

    /// <summary>SEOJ is not the object asked, or DEOJ is not our controller.</summary>
    WrongObject,

    /// <summary>The ESV does not answer the request's ESV, or is not a response at all.</summary>
    UnexpectedEsv,

    /// <summary>The TID belongs to no outstanding or recently completed request.</summary>
    UnknownTid,

    /// <summary>The reply carries an EPC the request did not ask for.</summary>
    EpcMismatch,

    /// <summary>The bytes are not a valid ECHONET Lite frame.</summary>
    Malformed,
}

/// <summary>Metric names for drop reasons.</summary>
public static class DropReasonExtensions
{
    /// <summary>snake_case name, e.g. "foreign_address".</summary>
    public static string Name(this DropReason reason) => reason switch
    {
        DropReason.Stale => "stale",
        DropReason.Duplicate => "duplicate",
        DropReason.ForeignAddress => "foreign_address",
        DropReason.ForeignPort => "foreign_port",
        DropReason.WrongObject => "wrong_object",
        DropReason.UnexpectedEsv => "unexpected_esv",
        DropReason.UnknownTid => "unknown_tid",
        DropReason.EpcMismatch => "epc_mismatch",
        DropReason.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown drop reason"),
    };
}
