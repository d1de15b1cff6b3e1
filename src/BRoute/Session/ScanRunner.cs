using System.Globalization;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using Microsoft.Extensions.Logging;

namespace BRoute.Session;

/// <summary>What a run of the scan ladder found.</summary>
/// <param name="Found">The PAN with our pairing ID (best LQI), or null.</param>
/// <param name="Candidates">Every PAN that answered, in the order seen.</param>
/// <param name="OtherPairIds">PANs that answered with another pairing ID (a neighbour's meter).</param>
/// <param name="ScansRun">SKSCAN commands issued.</param>
/// <param name="Failure">When nothing was found: the message for the user.</param>
public sealed record ScanReport(ScanCandidate? Found, IReadOnlyList<ScanCandidate> Candidates, int OtherPairIds, int ScansRun, string? Failure)
{
    /// <summary>The dongle's dialect as detected before the scan (family, SIDE, ERXUDP mode, firmware).</summary>
    public SkStack.Device.SkDialect? Dialect { get; init; }

    /// <summary>True when <see cref="Found"/> was written to the PAN cache (false: nothing found, no cache, or the write failed and was logged).</summary>
    public bool SavedToCache { get; init; }
}

/// <summary>
/// Runs the active-scan ladder of <see cref="ScanPlan"/> on one link: SKSCAN 2 per step, EPANDESC collected until
/// EVENT 22 (bounded by the step's guard, plus a short settle time for a trailing EPANDESC), then
/// <see cref="PanSelector"/>. Stops at the first step that finds our pairing ID.
/// </summary>
internal sealed class ScanRunner(MeterSessionOptions options, TimeProvider time, ILogger logger, SessionCounters counters, Action<SessionProgress> report)
{
    private readonly Credentials _credentials = options.Credentials;

    public async Task<ScanReport> RunAsync(DeviceLink link, byte? knownChannel, CancellationToken cancellationToken)
    {
        var plan = new ScanPlan(options.Scan, link.Device.Dialect.Family, knownChannel);
        var seen = new List<ScanCandidate>();
        var others = 0;
        var runs = 0;
        while (plan.TryNext(out var step))
        {
            report(new SessionProgress(
                SessionStage.Scanning,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"scan {step.Attempt}/{plan.Steps.Count}: duration {step.Duration} on {step.Channels} channel(s), about {step.Expected.TotalSeconds:0.#} s"))
            {
                Step = step.Attempt,
                Steps = plan.Steps.Count,
                ScanDuration = step.Duration,
                Expected = step.Expected,
            });
            var collector = link.BeginScan();
            try
            {
                runs++;
                counters.Scan();
                await link.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, step.Duration, step.ChannelMask, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SkCommandFailedException or SkTimeoutException or SkUnexpectedResponseException)
            {
                SessionLog.ActionFailed(logger, "SKSCAN", ex.Message);
                continue;
            }

            try
            {
                await collector.Finished.WaitAsync(step.Guard, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                SessionLog.ActionFailed(logger, "scan", string.Create(CultureInfo.InvariantCulture, $"no EVENT 22 within {step.Guard.TotalSeconds:0.#} s"));
            }

            var found = Select(collector.Found, out var otherHere);
            if (found is null && options.ScanSettleTime > TimeSpan.Zero && link.Device.IsTransportLost is false)
            {
                // An EPANDESC may trail EVENT 22 (SkstackIpDotNet waits 0.5 s).
                await Task.Delay(options.ScanSettleTime, time, cancellationToken).ConfigureAwait(false);
                found = Select(collector.Found, out otherHere);
            }

            others = Math.Max(others, otherHere);
            foreach (var c in Candidates(collector.Found))
            {
                if (!seen.Any(s => s.Pan == c.Pan))
                {
                    seen.Add(c);
                }
            }

            if (link.Device.IsTransportLost)
            {
                throw new SkTransportLostException("the dongle was lost during the scan");
            }

            if (found is not null)
            {
                SessionLog.MeterFound(logger, found.Pan.ToString(), found.Lqi, otherHere);
                return new ScanReport(found, seen, others, runs, null);
            }
        }

        return new ScanReport(null, seen, others, runs, plan.ExhaustedError(others).Message);
    }

    private ScanCandidate? Select(IReadOnlyList<SkPanDescription> found, out int others) =>
        PanSelector.Select(Candidates(found), _credentials, out others);

    private static IEnumerable<ScanCandidate> Candidates(IReadOnlyList<SkPanDescription> found)
    {
        foreach (var d in found)
        {
            if (d.Channel is < MeterPan.FirstChannel or > MeterPan.LastChannel)
            {
                continue; // not a B-route channel: not a meter we can join
            }

            yield return new ScanCandidate(new MeterPan(d.Channel, d.PanId, d.Mac, d.PairId ?? string.Empty), d.Lqi);
        }
    }
}
