using System.Globalization;

namespace BRoute.Simulator.Faults;

/// <summary>A periodic fault: first at <see cref="Period"/> after start, then every period; lasts <see cref="Duration"/>.</summary>
public readonly record struct FaultSpell(TimeSpan Period, TimeSpan Duration);

/// <summary>
/// The parsed <c>--faults</c> list, e.g. <c>lost-reply=0.05,auth-fail-first=2,tx-limit=3600/120</c>.
/// Everything is off unless listed. Times are simulated seconds.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>No faults.</summary>
    public static readonly FaultOptions None = new();

    /// <summary>Per-event probabilities by fault name.</summary>
    public IReadOnlyDictionary<string, double> Probabilities { get; init; } = new Dictionary<string, double>();

    /// <summary>Periodic faults by name.</summary>
    public IReadOnlyDictionary<string, FaultSpell> Spells { get; init; } = new Dictionary<string, FaultSpell>();

    /// <summary>Counted faults by name (<see cref="FaultKind.Counted"/>): the first N events of the kind fail.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>auth-fail-first: the first N joins end in EVENT 24 even with the right credentials.</summary>
    public int AuthFailFirst => Count(FaultKind.AuthFailFirst);

    /// <summary>
    /// unanswered-ns: the first N Neighbor Solicitations the dongle sends for an SKSENDTO get no Neighbor Advertisement
    /// (the module solicits again after 1 s, EVENT 21 02 each time; three unanswered ones drop the datagram: EVENT 21 01).
    /// </summary>
    public int UnansweredSolicitations => Count(FaultKind.UnansweredNs);

    /// <summary>early-expiry: every session expires (EVENT 29, no re-authentication) this long after it was established.</summary>
    public TimeSpan? EarlyExpiry { get; init; }

    /// <summary>
    /// join-after-term applies to an SKJOIN that comes less than this long (host time, not scaled) after the meter
    /// answered an SKTERM: the meter may still be cleaning up the old session (timing.md §4, BRM waits 10 s).
    /// </summary>
    public TimeSpan TermQuietPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether any fault can fire (a probability above 0, a periodic fault, a count above 0, or early-expiry).</summary>
    public bool Any => Probabilities.Values.Any(p => p > 0) || Spells.Count > 0 || Counts.Values.Any(n => n > 0) || EarlyExpiry is not null;

    /// <summary>Probability of a fault, 0 if not configured.</summary>
    public double P(string kind) => Probabilities.TryGetValue(kind, out var p) ? p : 0;

    /// <summary>N of a counted fault, 0 if not configured.</summary>
    public int Count(string kind) => Counts.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>
    /// The "field" preset: the loss rates timing.md recommends for a realistic run
    /// (0.5 % no reply, EVENT 21 01 on 0.2 % of sends of which 30 % still answered, 3 % EVENT 24, 50 % EVENT 24 for an
    /// SKJOIN less than 10 s after SKTERM, 2 % missed INF).
    /// </summary>
    public const string FieldPreset = "lost-reply=0.005,lost-request=0.0014,lost-ack=0.0006,auth-fail=0.03,join-after-term=0.5,reauth-fail=0.03,lost-inf=0.02";

    /// <summary>Parses the comma list. Throws <see cref="FormatException"/> with a precise message on bad input.</summary>
    public static FaultOptions Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none")
        {
            return None;
        }

        var probabilities = new Dictionary<string, double>();
        var spells = new Dictionary<string, FaultSpell>();
        var counts = new Dictionary<string, int>();
        TimeSpan? earlyExpiry = null;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "field")
            {
                var preset = Parse(FieldPreset);
                foreach (var (k, v) in preset.Probabilities)
                {
                    probabilities[k] = v;
                }

                continue;
            }

            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"fault '{raw}' needs a value: write NAME=VALUE (e.g. lost-reply=0.05)");
            }

            var name = raw[..eq].Trim().ToLowerInvariant();
            var value = raw[(eq + 1)..].Trim();
            if (FaultKind.Probabilities.Contains(name))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p is < 0 or > 1 || double.IsNaN(p))
                {
                    throw new FormatException($"fault '{name}' takes a probability between 0 and 1, got '{value}'");
                }

                probabilities[name] = p;
            }
            else if (FaultKind.Periodic.Contains(name))
            {
                spells[name] = ParseSpell(name, value);
            }
            else if (FaultKind.Counted.Contains(name))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1000)
                {
                    var what = name == FaultKind.AuthFailFirst ? "join count" : "count of solicitations";
                    throw new FormatException($"fault '{name}' takes a {what} 0–1000, got '{value}'");
                }

                counts[name] = n;
            }
            else if (name == FaultKind.EarlyExpiry)
            {
                earlyExpiry = Seconds(name, value);
            }
            else
            {
                throw new FormatException(
                    $"unknown fault '{name}'; known: {string.Join(", ", FaultKind.Probabilities.Concat(FaultKind.Periodic).Concat(FaultKind.Counted).Append(FaultKind.EarlyExpiry))}, field");
            }
        }

        return new FaultOptions
        {
            Probabilities = probabilities, Spells = spells, Counts = counts, EarlyExpiry = earlyExpiry,
        };
    }

    private static FaultSpell ParseSpell(string name, string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var period = Seconds(name, slash < 0 ? value : value[..slash]);
        var duration = slash < 0 ? DefaultDuration(name) : Seconds(name, value[(slash + 1)..]);
        if (duration >= period)
        {
            throw new FormatException($"fault '{name}': the duration ({duration.TotalSeconds} s) must be shorter than the period ({period.TotalSeconds} s)");
        }

        return new FaultSpell(period, duration);
    }

    private static TimeSpan DefaultDuration(string name) => name switch
    {
        FaultKind.TxLimit => TimeSpan.FromSeconds(120),
        FaultKind.MeterReboot => TimeSpan.FromSeconds(60),
        FaultKind.Vanish => TimeSpan.FromSeconds(10),
        _ => TimeSpan.Zero,
    };

    private static TimeSpan Seconds(string name, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s <= 0 || s > 10_000_000 || double.IsNaN(s))
        {
            throw new FormatException($"fault '{name}' takes simulated seconds > 0 (PERIOD or PERIOD/DURATION), got '{value}'");
        }

        return TimeSpan.FromSeconds(s);
    }
}
