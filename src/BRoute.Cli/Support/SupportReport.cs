namespace BRoute.Cli.Support;

/// <summary>
/// One finding of <c>broute doctor</c>: a key and its value in a section. <paramref name="Number"/>, when set, is the
/// value as a number for JSON (a count, a channel, an LQI, dBm); the text shows <paramref name="Value"/>.
/// </summary>
internal readonly record struct SupportFinding(string Section, string Key, string Value, double? Number = null);

/// <summary>Section names the doctor uses (any other name works too).</summary>
internal static class SupportSections
{
    /// <summary>family, firmware (EVER), app_version (EAPPVER), erxudp_mode (ROPT), erxudp_layout, dialect_evidence, mac.</summary>
    public const string Dongle = "dongle";

    /// <summary>standard_version (0x82), manufacturer (0x8A), announcement_map (0x9D), set_map (0x9E), get_map (0x9F), coefficient, unit.</summary>
    public const string Meter = "meter";

    /// <summary>lqi, rssi, quality, lqi_source (EPANDESC); frames_from_meter, frames_with_rssi, frame_rssi_* (ERXUDP).</summary>
    public const string Link = "link";

    /// <summary>channel, pan_id, mac, ipv6, cache (hit/missing/corrupt …).</summary>
    public const string Pan = "pan";

    /// <summary>Driver, matcher and session counters.</summary>
    public const string Counters = "counters";

    /// <summary>The resolved settings and where each came from (never credentials).</summary>
    public const string Settings = "settings";

    /// <summary>What failed during the checks.</summary>
    public const string Problems = "problems";
}

/// <summary>
/// Everything <c>broute doctor</c> found, in the order found, plus recent log lines. Plain data:
/// <see cref="SupportBundleWriter"/> redacts and writes it.
/// </summary>
internal sealed class SupportReport(DateTimeOffset createdAt)
{
    /// <summary>At most this many log lines are kept (the newest).</summary>
    public const int MaxLogLines = 5000;

    private readonly List<SupportFinding> _findings = [];
    private readonly Queue<string> _log = new();

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public IReadOnlyList<SupportFinding> Findings => _findings;

    public IReadOnlyCollection<string> LogLines => _log;

    /// <summary>Log lines dropped because more than <see cref="MaxLogLines"/> were added.</summary>
    public int DroppedLogLines { get; private set; }

    /// <summary>Adds a finding; a null value is recorded as "(unknown)". <paramref name="number"/>: the value as a JSON number.</summary>
    public SupportReport Add(string section, string key, string? value, double? number = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _findings.Add(new SupportFinding(section, key, value ?? "(unknown)", number is { } n && double.IsFinite(n) ? n : null));
        return this;
    }

    /// <summary>Adds a count: shown as digits, a number in JSON.</summary>
    public SupportReport Add(string section, string key, long count) =>
        Add(section, key, count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);

    /// <summary>Adds log lines (e.g. the --verbose dialogue), keeping the newest <see cref="MaxLogLines"/>.</summary>
    public SupportReport AddLogLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            _log.Enqueue(line);
            if (_log.Count > MaxLogLines)
            {
                _log.Dequeue();
                DroppedLogLines++;
            }
        }

        return this;
    }
}
