namespace BRoute.Reading;

/// <summary>One Get to send: its EPCs, in order.</summary>
/// <param name="Id">Identifies the batch to <see cref="GetPlanner.OnReply"/> / <see cref="GetPlanner.OnNoReply"/>.</param>
/// <param name="Epcs">The EPCs to request (1 … MaxOpc).</param>
/// <param name="Kind">Why this batch exists.</param>
internal sealed record GetBatch(int Id, IReadOnlyList<byte> Epcs, GetBatchKind Kind)
{
    /// <summary>
    /// True when the batch is larger than any the meter is known to answer in full (<see cref="MeterCapabilities.ProvenOpc"/>):
    /// a silence may mean "too big" rather than "no link", so it is sent once with the probe timeout and, if silent,
    /// halved at once (<see cref="GetPlanner.OnNoReply"/>) instead of being resent with every retry first.
    /// </summary>
    public bool Probe { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"batch {Id} ({Kind}{(Probe ? ", probe" : string.Empty)}): {string.Join(" ", Epcs.Select(e => e.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)))}";
}

/// <summary>Why a batch was planned.</summary>
internal enum GetBatchKind
{
    /// <summary>A first request of these EPCs.</summary>
    First,

    /// <summary>An EPC the meter refused inside a larger batch, asked alone once.</summary>
    RefusedRetryAlone,

    /// <summary>Half of a batch that got no reply at all, asked to tell "batch too big" from "no link".</summary>
    SilentBatchSplit,
}

/// <summary>Why an EPC has no value.</summary>
public enum UnsupportedReason
{
    /// <summary>The Get property map (0x9F) does not list it; never asked.</summary>
    NotInPropertyMap,

    /// <summary>The meter refused it when asked alone (Get_SNA with PDC 0), now or in an earlier read or session.</summary>
    RefusedByMeter,
}

/// <summary>Outcome of a planned read.</summary>
/// <param name="Values">Each EPC's property as the meter returned it.</param>
/// <param name="Unsupported">EPCs the meter does not support, with the evidence.</param>
/// <param name="NoReply">EPCs that got no answer (link trouble, not a property problem).</param>
internal sealed record GetReadResult(
    IReadOnlyDictionary<byte, EchonetLite.Frames.EchonetProperty> Values,
    IReadOnlyDictionary<byte, UnsupportedReason> Unsupported,
    IReadOnlySet<byte> NoReply);
