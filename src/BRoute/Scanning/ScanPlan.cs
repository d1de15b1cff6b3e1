using System.Globalization;
using BRoute.SkStack.Grammar;

namespace BRoute.Scanning;

/// <summary>
/// The growing ladder of active scans to find the meter: each step is one SKSCAN with a duration,
/// a channel mask and a guard timeout. Pure: the session runs each step and calls
/// <see cref="TryNext"/> again when a scan found no PAN with our pairing ID.
/// </summary>
internal sealed class ScanPlan
{
    private readonly ScanStep[] _steps;
    private int _next;

    /// <param name="options">Ladder and guard settings.</param>
    /// <param name="family">Dongle family (chooses the dwell unit unless the options fix it).</param>
    /// <param name="knownChannel">Channel the meter was last seen on, if any.</param>
    public ScanPlan(ScanOptions options, DongleFamily family, byte? knownChannel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var unit = options.DwellUnit ?? ScanTiming.DwellUnit(family);
        var steps = new List<ScanStep>();
        if (knownChannel is { } channel && options.ScanKnownChannelFirst)
        {
            Add(ScanTiming.MaskFor(channel));
        }

        Add(ScanTiming.AllChannels);
        _steps = [.. steps];

        void Add(uint mask)
        {
            var channels = ScanTiming.ChannelsIn(mask);
            foreach (var d in options.Durations)
            {
                var expected = ScanTiming.Expected(d, channels, unit);
                steps.Add(new ScanStep(steps.Count + 1, d, mask, channels, expected, ScanTiming.Guard(expected, options.GuardFactor, options.GuardExtra)));
            }
        }
    }

    /// <summary>Every step in order.</summary>
    public IReadOnlyList<ScanStep> Steps => _steps;

    /// <summary>Number of steps already handed out.</summary>
    public int Attempted => _next;

    /// <summary>True when every step has been handed out.</summary>
    public bool IsExhausted => _next >= _steps.Length;

    /// <summary>Sum of the guards of all steps: the longest the whole plan can take.</summary>
    public TimeSpan WorstCase => _steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Guard);

    /// <summary>The next scan to run; false when the ladder is exhausted.</summary>
    public bool TryNext(out ScanStep step)
    {
        if (_next < _steps.Length)
        {
            step = _steps[_next++];
            return true;
        }

        step = default;
        return false;
    }

    /// <summary>The error to report when the ladder is exhausted.</summary>
    /// <param name="pansWithOtherPairId">PANs that answered but carried another pairing ID.</param>
    public MeterUnreachableException ExhaustedError(int pansWithOtherPairId = 0)
    {
        var durations = string.Join(",", _steps.Select(s => s.Duration.ToString(CultureInfo.InvariantCulture)).Distinct());
        var tried = $"tried {_steps.Length} scans, durations {durations}";
        if (pansWithOtherPairId > 0)
        {
            return new MeterUnreachableException(
                $"no meter with this B-route ID answered the scan: {pansWithOtherPairId} PAN(s) answered, but none carries the pairing ID " +
                $"(the last 8 characters of the B-route ID); check the B-route ID ({tried})");
        }

        return new MeterUnreachableException(
            "no meter answered the scan: is the dongle within range of the meter (try another spot or a USB extension cable), " +
            $"and has the power company activated the B-route service for this ID? ({tried})");
    }
}
