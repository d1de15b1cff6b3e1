namespace BRoute.Simulator.Meter;

/// <summary>
/// Cumulative normal and reverse energy (mWh) at any instant since the history epoch, integrated minute by
/// minute from <see cref="Household"/>, and anchored so the registers equal the configured values at the
/// anchor time. History and live registers come from this one function, so they always agree.
/// </summary>
internal sealed class EnergyLedger
{
    private readonly Household _household;
    private readonly long _epochMinute;
    private readonly List<double> _importPrefix = [0];
    private readonly List<double> _exportPrefix = [0];
    private readonly double _importBase;
    private readonly double _exportBase;

    public EnergyLedger(Household household, DateTimeOffset epoch, DateTimeOffset anchor, decimal normalKwh, decimal? reverseKwh)
    {
        _household = household;
        Epoch = epoch;
        _epochMinute = epoch.ToUnixTimeSeconds() / 60;
        var (i, e) = Raw(anchor);
        _importBase = ((double)normalKwh * 1_000_000) - i;
        _exportBase = reverseKwh is { } r ? ((double)r * 1_000_000) - e : 0;
    }

    /// <summary>The first instant with data.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Cumulative energy in mWh at <paramref name="t"/>; negative means "before the meter had data".</summary>
    public (double Normal, double Reverse) At(DateTimeOffset t)
    {
        var (i, e) = Raw(t);
        return (_importBase + i, _exportBase + e);
    }

    /// <summary>Net power (W) at <paramref name="t"/>.</summary>
    public int PowerAt(DateTimeOffset t) => _household.PowerW(Math.DivRem(t.ToUnixTimeMilliseconds(), 60_000, out var r) - (r < 0 ? 1 : 0));

    private (double Import, double Export) Raw(DateTimeOffset t)
    {
        var ms = t.ToUnixTimeMilliseconds() - (_epochMinute * 60_000);
        if (ms <= 0)
        {
            return (0, 0);
        }

        var whole = (int)(ms / 60_000);
        var frac = (ms % 60_000) / 60_000.0;
        Extend(whole);
        var (import, export) = MinuteEnergy(whole);
        return (_importPrefix[whole] + (frac * import), _exportPrefix[whole] + (frac * export));
    }

    private void Extend(int minutes)
    {
        while (_importPrefix.Count <= minutes)
        {
            var m = _importPrefix.Count - 1;
            var (import, export) = MinuteEnergy(m);
            _importPrefix.Add(_importPrefix[m] + import);
            _exportPrefix.Add(_exportPrefix[m] + export);
        }
    }

    /// <summary>Energy imported and exported (mWh) during minute <paramref name="minute"/> after the epoch.</summary>
    private (double Import, double Export) MinuteEnergy(int minute)
    {
        var p = _household.PowerW(_epochMinute + minute);
        var mWh = Math.Abs(p) * 1000.0 / 60;
        return (p > 0 ? mWh : 0, p < 0 ? mWh : 0);
    }
}
