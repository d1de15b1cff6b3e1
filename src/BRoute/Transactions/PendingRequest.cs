using BRoute.EchonetLite.Frames;

namespace BRoute.Transactions;

/// <summary>
/// A request waiting for its reply. Every resend of it uses the same <see cref="Frame"/> (same TID). The
/// <see cref="ReplyMatcher"/> that registered it completes <see cref="Reply"/> (MQTTnet's packet dispatcher: one
/// TaskCompletionSource per id, in one place) — with the matched frame, or cancelled when the request is abandoned.
/// </summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<EchonetFrame> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PendingRequest(EchonetFrame frame, DateTimeOffset registeredAt)
    {
        Frame = frame;
        RegisteredAt = registeredAt;
    }

    /// <summary>Completes with the matched reply; cancelled when the request is abandoned or the matcher is closed.</summary>
    public Task<EchonetFrame> Reply => _reply.Task;

    internal void Complete(EchonetFrame reply) => _reply.TrySetResult(reply);

    internal void Cancel() => _reply.TrySetCanceled();

    /// <summary>The transaction ID.</summary>
    public ushort Tid => Frame.Tid;

    /// <summary>The request exactly as it goes on the wire, for every attempt.</summary>
    public EchonetFrame Frame { get; }

    /// <summary>When the request was registered.</summary>
    public DateTimeOffset RegisteredAt { get; }

    /// <inheritdoc/>
    public override string ToString() => Frame.ToString();
}

/// <summary>What <see cref="ReplyMatcher.Match(System.Net.IPAddress, ushort, EchonetFrame)"/> decided.</summary>
internal enum MatchKind
{
    /// <summary>The reply to <see cref="MatchResult.Request"/>; the request is now complete.</summary>
    Reply,

    /// <summary>An INF or INFC from the meter that answers no request of ours.</summary>
    Notification,

    /// <summary>Neither: dropped and counted (see <see cref="MatchResult.Reason"/>).</summary>
    Dropped,
}

/// <summary>Decision about one incoming frame.</summary>
internal readonly record struct MatchResult(MatchKind Kind, EchonetFrame? Frame, PendingRequest? Request, DropReason? Reason)
{
    internal static MatchResult Drop(DropReason reason, EchonetFrame? frame = null) => new(MatchKind.Dropped, frame, null, reason);
}
