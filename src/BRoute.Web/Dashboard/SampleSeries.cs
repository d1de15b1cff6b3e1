using BRoute.Storage;
using BRoute.Storage.Tables;

namespace BRoute.Web.Dashboard;

/// <summary>
/// The columns of <c>/api/samples</c>: raw samples for a short range; for a long one, one-minute means from the
/// store's aggregates, and for the minutes maintenance has not aggregated yet (it runs hourly, the first time an hour
/// after start) means computed here from the raw samples, so a long chart reaches up to now.
/// </summary>
internal static class SampleSeries
{
    public static async Task<ApiSamples> RawAsync(MeterStore store, string id, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await store.Samples.RangeAsync(id, from, to, ct).ConfigureAwait(false);
        return new ApiSamples(id, "raw", [.. rows.Select(r => r.At.ToUnixTimeSeconds())], [.. rows.Select(r => r.PowerW)], [.. rows.Select(r => r.CurrentRA)], [.. rows.Select(r => r.CurrentTA)]);
    }

    public static async Task<ApiSamples> MinuteMeansAsync(MeterStore store, string id, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var minutes = await store.Samples.MeansAsync(id, from, to, ct).ConfigureAwait(false);
        var time = new List<long>(minutes.Count + 64);
        var power = new List<double?>(minutes.Count + 64);
        var r = new List<double?>(minutes.Count + 64);
        var t = new List<double?>(minutes.Count + 64);
        foreach (var m in minutes)
        {
            time.Add(m.Minute.ToUnixTimeSeconds());
            power.Add(m.PowerW);
            r.Add(m.CurrentRA);
            t.Add(m.CurrentTA);
        }

        var rest = minutes.Count > 0 ? minutes[^1].Minute.AddMinutes(1) : from;
        if (rest <= to)
        {
            var raw = await store.Samples.RangeAsync(id, rest, to, ct).ConfigureAwait(false);
            foreach (var minute in raw.GroupBy(s => s.At.ToUnixTimeSeconds() / 60 * 60))
            {
                time.Add(minute.Key);
                power.Add(Mean(minute.Select(s => s.PowerW)));
                r.Add(Mean(minute.Select(s => s.CurrentRA)));
                t.Add(Mean(minute.Select(s => s.CurrentTA)));
            }
        }

        return new ApiSamples(id, "minute_mean", time, power, r, t);
    }

    /// <summary>The mean of the known values, as SQLite's avg() does; null when none is known.</summary>
    private static double? Mean(IEnumerable<double?> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (v is { } x)
            {
                sum += x;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }
}
