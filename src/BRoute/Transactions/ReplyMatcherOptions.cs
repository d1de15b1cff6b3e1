using BRoute.EchonetLite.Frames;

namespace BRoute.Transactions;

/// <summary>Settings of <see cref="ReplyMatcher"/>.</summary>
public sealed record ReplyMatcherOptions
{
    /// <summary>ECHONET Lite UDP port (3610) that replies must come from.</summary>
    public const ushort EchonetPort = BRoute.SkStack.Grammar.SkPorts.Echonet;

    /// <summary>Our object: every request's SEOJ and every reply's DEOJ (AIF fixes 0x05FF01).</summary>
    public Eoj Controller { get; init; } = Eoj.Controller;

    /// <summary>
    /// How long a completed request's TID is remembered so a late or duplicate reply is counted as
    /// stale/duplicate rather than unknown (timing.md: 5 min; late replies seen up to 300 s).
    /// </summary>
    public TimeSpan CompletedWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound on remembered completed TIDs (oldest forgotten first).</summary>
    public int MaxRemembered { get; init; } = 4096;
}
