using System.Globalization;
using System.Text;

namespace BRoute.Cli.Watch;

/// <summary>
/// The last N readings of <c>broute watch</c> and the one status line it prints per reading:
/// <c>08:30:05  628 W  R 5.0 A  T 2.0 A  ▁▂▃▅█  min 400 W  max 1200 W</c>. The sparkline has one
/// bar per reading in the window, scaled from the window's minimum to its maximum (a blank for a
/// reading without data). Pure: no clock, no console.
/// </summary>
internal sealed class PowerTrend
{
    /// <summary>The eight bar heights, lowest first.</summary>
    public const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>Window size when none is given: a minute at 2 s per reading.</summary>
    public const int DefaultCapacity = 30;

    private readonly Queue<WatchSample> _window = new();

    public PowerTrend(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many readings the window keeps.</summary>
    public int Capacity { get; }

    /// <summary>Readings now in the window.</summary>
    public int Count => _window.Count;

    /// <summary>The smallest power in the window; null when no reading had data.</summary>
    public decimal? Min => _window.Where(s => s.Watts.HasValue).Select(s => s.Watts).Min();

    /// <summary>The largest power in the window; null when no reading had data.</summary>
    public decimal? Max => _window.Where(s => s.Watts.HasValue).Select(s => s.Watts).Max();

    /// <summary>Adds a reading, dropping the oldest when the window is full.</summary>
    public void Add(WatchSample sample)
    {
        _window.Enqueue(sample);
        while (_window.Count > Capacity)
        {
            _window.Dequeue();
        }
    }

    /// <summary>One character per reading, oldest first: a bar scaled to the window's min..max, a space for no data; all-equal readings are mid-height.</summary>
    public string Sparkline()
    {
        var min = Min;
        var max = Max;
        var text = new StringBuilder(_window.Count);
        foreach (var sample in _window)
        {
            if (sample.Watts is not decimal w || min is not decimal lo || max is not decimal hi)
            {
                text.Append(' ');
                continue;
            }

            var level = hi == lo ? Bars.Length / 2 - 1 : (int)Math.Round((w - lo) / (hi - lo) * (Bars.Length - 1), MidpointRounding.AwayFromZero);
            text.Append(Bars[level]);
        }

        return text.ToString();
    }

    /// <summary>The status line for the newest reading; empty before the first.</summary>
    public string StatusLine()
    {
        if (_window.Count == 0)
        {
            return string.Empty;
        }

        var last = _window.Last();
        var line = new StringBuilder();
        line.Append(last.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        line.Append("  ").Append(last.Watts is decimal w ? Show(w, "W") : "no data");
        if (last.CurrentR is not null || last.CurrentT is not null)
        {
            line.Append("  R ").Append(last.CurrentR is decimal r ? Show(r, "A") : "-");
            line.Append("  T ").Append(last.CurrentT is decimal t ? Show(t, "A") : "-");
        }

        line.Append("  ").Append(Sparkline());
        if (Min is decimal min && Max is decimal max)
        {
            line.Append("  min ").Append(Show(min, "W")).Append("  max ").Append(Show(max, "W"));
        }

        return line.ToString();
    }

    private static string Show(decimal value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");
}
