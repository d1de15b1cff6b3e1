using System.CommandLine;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;

namespace BRoute.Cli.Watch;

/// <summary>How long and how often <c>broute watch</c> (and <c>broute demo</c>) reads.</summary>
/// <param name="Interval">Time between readings (the first is immediate).</param>
/// <param name="Count">Stop after this many readings; null = until Ctrl-C or <paramref name="Duration"/>.</param>
/// <param name="Duration">Stop this long after the session is up; null = until Ctrl-C or <paramref name="Count"/>.</param>
internal sealed record WatchPlan(TimeSpan Interval, int? Count, TimeSpan? Duration);

/// <summary>The <c>--interval</c>, <c>--count</c> and <c>--duration</c> options.</summary>
internal sealed class WatchOptions
{
    /// <summary>Default time between readings.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The shortest interval: timing.md "Poll interval: default 30–60 s, floor 10 s" (the floors of SMD, legnoh
    /// and hnw); faster polling brought reconnects on a poor link (CJ1 at 5 s).
    /// </summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    public Option<string?> Interval { get; } = new("--interval")
    {
        Description = $"Time between readings: {DurationText.Format}. Default {DurationText.Show(DefaultInterval)}, at least {DurationText.Show(MinInterval)}.",
        HelpName = "DURATION",
    };

    public Option<int?> Count { get; } = new("--count")
    {
        Description = "Stop after N readings (default: until Ctrl-C).",
        HelpName = "N",
    };

    public Option<string?> Duration { get; } = new("--duration")
    {
        Description = "Stop this long after connecting, e.g. 30s or 5m (default: until Ctrl-C).",
        HelpName = "DURATION",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Interval);
        command.Options.Add(Count);
        command.Options.Add(Duration);
    }

    /// <summary>The plan; a bad value is a <see cref="CliUsageException"/>.</summary>
    public WatchPlan Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var interval = DefaultInterval;
        if (parse.GetValue(Interval) is { } intervalText)
        {
            if (!DurationText.TryParse(intervalText, out interval) || interval > TimeSpan.FromHours(1))
            {
                throw new CliUsageException($"--interval: '{intervalText}' is not a duration; give {DurationText.Format}, at most 1 h");
            }

            if (interval < MinInterval)
            {
                throw new CliUsageException($"--interval must be at least {DurationText.Show(MinInterval)} (got {DurationText.Show(interval)}): faster polling uses the meter's radio time and brings reconnects on weak links");
            }
        }

        var count = parse.GetValue(Count);
        if (count is < 1)
        {
            throw new CliUsageException($"--count must be at least 1 (got {count})");
        }

        TimeSpan? duration = null;
        if (parse.GetValue(Duration) is { } durationText)
        {
            if (!DurationText.TryParse(durationText, out var d) || d <= TimeSpan.Zero)
            {
                throw new CliUsageException($"--duration: '{durationText}' is not a positive duration; give {DurationText.Format}");
            }

            duration = d;
        }

        return new WatchPlan(interval, count, duration);
    }
}
