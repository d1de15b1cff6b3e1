using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.Decoding;
using BRoute.Session;
using BRoute.Storage.Tables;

namespace BRoute.Cli.Output;

/// <summary>
/// How <c>broute status</c> shows a meter's stored link figures (<see cref="StoredLink"/>): the radio, the resends,
/// the transmit budget, and how old the figures are. LQI is shown as RSSI with the scan/doctor verdict.
/// </summary>
internal static class LinkStatus
{
    /// <summary>The text lines (two-space indent, each ending in a newline).</summary>
    public static string Text(StoredLink? link, DateTimeOffset now)
    {
        if (link is null)
        {
            return "  link: no figures yet (the daemon stores them every few minutes while it runs)\n";
        }

        var text = new StringBuilder();
        text.Append("  link: ");
        if (link.LastLqi is byte last)
        {
            text.Append(CultureInfo.InvariantCulture, $"last frame LQI {last} ({LinkQuality.Rssi(last)}, {LinkQuality.Verdict(last)})");
            if (link.MinLqi is byte min && link.MaxLqi is byte max && link.MeanLqi is double mean)
            {
                text.Append(CultureInfo.InvariantCulture, $", min {min}, max {max}, mean {mean:0.#} over {link.FramesWithLqi} frame(s)");
            }
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{link.MeterFrames} frame(s) from the meter, none with an RSSI/LQI field (the dongle's ERXUDP has none)");
        }

        if (link.ScanLqi is byte scan)
        {
            var verdict = link.LastLqi is null ? $", {LinkQuality.Verdict(scan)}" : string.Empty;
            var from = link.ScanLqiSource == "pan_cache" ? "remembered with the PAN" : "this session's scan";
            text.Append(CultureInfo.InvariantCulture, $"; scan LQI {scan} ({LinkQuality.Rssi(scan)}{verdict}, {from})");
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  requests: {link.Requests}, {link.Resends} resent");
        if (link.ResendRate is double rate)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({rate:0.#%})");
        }

        text.Append(CultureInfo.InvariantCulture, $", {link.ReplyTimeouts} timed out, {link.RequestsGivenUp} given up, {link.FramesDropped} frame(s) dropped, {link.Reauthentications} re-authentication(s)");
        text.Append(link.ConnectedAt is { } since ? $" since the session began at {ExportWriter.Time(since)}" : " (no session came up)");
        text.Append(CultureInfo.InvariantCulture, $"; {link.Reconnects} reconnect(s)\n");
        text.Append(CultureInfo.InvariantCulture, $"  transmit budget: {link.AirTime.TotalSeconds:0.#} s");
        if (link.AirTimeLimit is { } limit && link.BudgetUsed is double used)
        {
            text.Append(CultureInfo.InvariantCulture, $" of {limit.TotalSeconds:0.#} s ({used:0.#%})");
        }

        text.Append(CultureInfo.InvariantCulture, $" used in the last hour; figures of {ExportWriter.Time(link.At)} ({AgeText.Of(now - link.At)} ago)\n");
        return text.ToString();
    }

    /// <summary>Writes <c>"link": {…}</c>, or <c>"link": null</c> when nothing is stored.</summary>
    public static void Json(Utf8JsonWriter w, StoredLink? link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (link is null)
        {
            w.WriteNull("link");
            return;
        }

        w.WriteStartObject("link");
        w.WriteString("at", ExportWriter.Time(link.At));
        w.WriteNumber("age_seconds", Math.Round((now - link.At).TotalSeconds, 1));
        CliJson.StringOrNull(w, "session_since", link.ConnectedAt is { } c ? ExportWriter.Time(c) : null);
        w.WriteNumber("meter_frames", link.MeterFrames);
        w.WriteNumber("frames_with_lqi", link.FramesWithLqi);
        Lqi(w, "last", link.LastLqi);
        Lqi(w, "min", link.MinLqi);
        Lqi(w, "max", link.MaxLqi);
        if (link.MeanLqi is double mean)
        {
            w.WriteNumber("mean_lqi", Math.Round(mean, 2));
            w.WriteNumber("mean_rssi_dbm", LinkQuality.RoundedDbm(MeterLinkQuality.RssiDbm(mean)));
        }
        else
        {
            w.WriteNull("mean_lqi");
            w.WriteNull("mean_rssi_dbm");
        }

        Lqi(w, "scan", link.ScanLqi);
        CliJson.StringOrNull(w, "scan_lqi_source", link.ScanLqiSource);
        CliJson.StringOrNull(w, "scan_lqi_at", link.ScanLqiAt is { } s ? ExportWriter.Time(s) : null);
        CliJson.StringOrNull(w, "verdict", (link.LastLqi ?? link.ScanLqi) is byte v ? LinkQuality.Verdict(v) : null);
        w.WriteNumber("requests", link.Requests);
        w.WriteNumber("resends", link.Resends);
        w.WriteNumberOrNull("resend_rate", link.ResendRate is double r ? Math.Round(r, 4) : null);
        w.WriteNumber("reply_timeouts", link.ReplyTimeouts);
        w.WriteNumber("requests_given_up", link.RequestsGivenUp);
        w.WriteNumber("frames_dropped", link.FramesDropped);
        w.WriteNumber("reauthentications", link.Reauthentications);
        w.WriteNumber("reconnects", link.Reconnects);
        w.WriteNumber("air_time_seconds", link.AirTime.TotalSeconds);
        w.WriteNumberOrNull("air_time_limit_seconds", link.AirTimeLimit?.TotalSeconds);
        w.WriteNumberOrNull("budget_used", link.BudgetUsed is double b ? Math.Round(b, 4) : null);
        w.WriteEndObject();
    }

    /// <summary><c>"NAME_lqi"</c> and <c>"NAME_rssi_dbm"</c> (null when unknown).</summary>
    private static void Lqi(Utf8JsonWriter w, string name, byte? lqi)
    {
        w.WriteNumberOrNull($"{name}_lqi", lqi);
        w.WriteNumberOrNull($"{name}_rssi_dbm", lqi is byte v ? LinkQuality.RoundedRssiDbm(v) : null);
    }
}
