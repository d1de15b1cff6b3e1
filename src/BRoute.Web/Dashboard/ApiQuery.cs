using BRoute.EchonetLite.Meter;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BRoute.Web.Dashboard;

/// <summary>Reads and checks query parameters; a bad one becomes a 400 that says what is wrong and what to send.</summary>
internal sealed class ApiQuery(HttpRequest request)
{
    private static readonly TimeSpan Jst = MeterTimeZone.Offset;

    /// <summary>Times and days outside these years are refused: no meter data lies there, and the endpoints' defaults (a range before "to") must stay representable.</summary>
    private const int MinYear = 1970;
    private const int MaxYear = 9000;

    public string? Problem { get; private set; }

    /// <summary>An instant: ISO 8601 (no offset = JST) or Unix seconds.</summary>
    public DateTimeOffset Time(string name, DateTimeOffset fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 100_000_000_000)
        {
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            if (parsed.Year is < MinYear or > MaxYear)
            {
                Fail($"'{name}' must be a time from {MinYear} to {MaxYear}; got '{Clip(text)}'");
                return fallback;
            }

            return text.Length >= 6 && (text.EndsWith('Z') || text[^6] is '+' or '-') ? parsed : new DateTimeOffset(parsed.DateTime, Jst);
        }

        Fail($"'{name}' must be an ISO 8601 time (e.g. 2026-11-27T19:00:00+09:00) or Unix seconds; got '{Clip(text)}'");
        return fallback;
    }

    /// <summary>A JST calendar day: yyyy-MM-dd.</summary>
    public DateOnly Day(string name, DateOnly fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= MinYear and <= MaxYear)
        {
            return day;
        }

        Fail($"'{name}' must be a day as yyyy-MM-dd (e.g. 2026-11-27) from {MinYear} to {MaxYear}; got '{Clip(text)}'");
        return fallback;
    }

    /// <summary>Checks that a range is ordered and not longer than <paramref name="max"/>.</summary>
    public void Range(DateTimeOffset from, DateTimeOffset to, TimeSpan max)
    {
        if (to < from)
        {
            Fail("'to' is before 'from'");
        }
        else if (to - from > max)
        {
            Fail($"the range is longer than {max.TotalDays:0} days; ask for less");
        }
    }

    public string? Text(string name)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            Fail($"'{name}' is given more than once");
            return null;
        }

        var text = values.ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public void Fail(string problem) => Problem ??= problem;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
