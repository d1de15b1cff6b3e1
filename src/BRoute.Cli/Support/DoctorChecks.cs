using System.Globalization;
using BRoute.Cli.Logging;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Scanning;
using BRoute.Session;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Support;

/// <summary>
/// What <c>broute doctor</c> checks, in order, each step recording its findings in a <see cref="SupportReport"/>
/// and, when it fails, a problem (the message, redacted later) instead of ending the run: the settings; the
/// dongle alone (family, EVER/EAPPVER, ERXUDP mode and layout, SKINFO, RUART); then, with credentials, the PAN
/// cache, an active scan (link quality from the EPANDESC LQI), the session (meter version 82, maker 8A, property
/// maps 9D/9E/9F, coefficient, unit) and the counters of the session and the driver.
/// </summary>
internal sealed class DoctorChecks(DeviceCommandContext context, CapturingLogger logger)
{
    /// <summary>What the meter is asked: identity, maps, scale and one live value.</summary>
    public static readonly byte[] MeterEpcs =
    [
        MeterEpc.OperationStatus, MeterEpc.StandardVersion, MeterEpc.ManufacturerCode, MeterEpc.ProductionNumber,
        MeterEpc.AnnouncementPropertyMap, MeterEpc.SetPropertyMap, MeterEpc.GetPropertyMap,
        MeterEpc.Coefficient, MeterEpc.EffectiveDigits, MeterEpc.Unit, MeterEpc.InstantaneousPower,
    ];

    private readonly ConnectionSettings _settings = context.Settings;

    /// <summary>The exit code of the first problem (<see cref="ErrorMapper"/>), or success.</summary>
    public int ExitCode { get; private set; } = ExitCodes.Success;

    public SupportReport Report { get; } = new(context.Time.GetUtcNow().ToOffset(BRoute.History.MeterClock.Offset));

    /// <summary>Runs every check; only cancellation (Ctrl-C) ends it early.</summary>
    public async Task RunAsync(bool scan, CancellationToken cancellationToken)
    {
        AddSettings();
        await StepAsync("dongle", ct => CheckDongleAsync(ct), cancellationToken).ConfigureAwait(false);
        if (_settings.Credentials is null)
        {
            Report.Add(SupportSections.Meter, "checked", "no: no B-route ID and password given (the dongle alone was checked)");
            return;
        }

        await StepAsync("pan_cache", CheckCacheAsync, cancellationToken).ConfigureAwait(false);
        var scanned = !scan || await StepAsync("scan", ScanAsync, cancellationToken).ConfigureAwait(false);
        if (!scan)
        {
            Report.Add(SupportSections.Link, "scan", "skipped (--no-scan): the LQI is the one remembered with the PAN cache, if any");
        }

        if (scanned)
        {
            await StepAsync("meter", ct => CheckMeterAsync(scanLqiShown: scan, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one check; a failure becomes a problem and its exit code (the first one wins).</summary>
    private async Task<bool> StepAsync(string name, Func<CancellationToken, Task<bool>> check, CancellationToken cancellationToken)
    {
        try
        {
            return await check(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = ErrorMapper.Map(ex, interrupted: false);
            Report.Add(SupportSections.Problems, name, string.Create(CultureInfo.InvariantCulture, $"{failure.Message} (exit code {failure.ExitCode})"));
            if (ExitCode == ExitCodes.Success)
            {
                ExitCode = failure.ExitCode;
            }

            return false;
        }
    }

    private void AddSettings()
    {
        var s = SupportSections.Settings;
        Report.Add(s, "device", _settings.Device)
            .Add(s, "family", FamilyNames.NameOf(_settings.Family))
            .Add(s, "request_timeout", DurationText.Show(_settings.RequestTimeout))
            .Add(s, "join_timeout", DurationText.Show(_settings.JoinTimeout))
            .Add(s, "scan_durations", string.Join(", ", _settings.ScanDurations))
            .Add(s, "state_dir", _settings.StateDirectory)
            .Add(s, "config_file", _settings.ConfigPath ?? "none")
            .Add(s, "credentials", _settings.Credentials is { } c ? $"given (B-route ID sha256 {c.IdHash}, values not shown)" : "not given");
        foreach (var (setting, source) in _settings.Sources.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Report.Add(s, $"source_of_{setting.Replace(' ', '_')}", source);
        }
    }

    /// <summary>The dongle alone: dialect detection (SKVER, SKAPPVER, SKINFO, ROPT), RUART. No credentials are set.</summary>
    private async Task<bool> CheckDongleAsync(CancellationToken cancellationToken)
    {
        var d = SupportSections.Dongle;
        var device = await SkDeviceFactories.Open(_settings.Device)(_settings.ToDeviceOptions(logger, context.Time), cancellationToken).ConfigureAwait(false);
        await using (device.ConfigureAwait(false))
        {
            var dialect = await device.DetectDialectAsync(cancellationToken).ConfigureAwait(false);
            Report.Add(d, "family", FamilyNames.Describe(dialect))
                .Add(d, "firmware", dialect.Version)
                .Add(d, "app_version", dialect.AppVersion)
                .Add(d, "erxudp_mode", dialect.DataMode switch
                {
                    ErxudpDataMode.AsciiHex => "ASCII hex (ROPT bit 0 = 1)",
                    ErxudpDataMode.Binary => "binary (ROPT bit 0 = 0)",
                    _ => "unknown (no ROPT: detected per line)",
                })
                .Add(d, "erxudp_layout", dialect.ErxudpLayout.ToString())
                .Add(d, "side_argument", dialect.HasSideArgument ? "yes (SKSCAN/SKSENDTO take SIDE)" : "no")
                .Add(d, "dialect_evidence", dialect.Evidence);
            try
            {
                var info = await device.GetInfoAsync(cancellationToken).ConfigureAwait(false);
                Report.Add(d, "mac", info.Mac.ToString("X16", CultureInfo.InvariantCulture))
                    .Add(d, "ipv6", info.Address.ToString())
                    .Add(d, "einfo_channel", string.Create(CultureInfo.InvariantCulture, $"{info.Channel} (0x{info.Channel:X2})"), info.Channel)
                    .Add(d, "einfo_pan_id", info.PanId.ToString("X4", CultureInfo.InvariantCulture));
            }
            catch (BRoute.SkStack.Errors.SkCommandFailedException ex)
            {
                Report.Add(d, "einfo", $"SKINFO failed: {ex.Message}");
            }

            var uart = await device.ReadUartSettingAsync(cancellationToken).ConfigureAwait(false);
            Report.Add(d, "uart", uart is { } u ? string.Create(CultureInfo.InvariantCulture, $"0x{u:X2} (hardware flow control {((u & 0x80) != 0 ? "on" : "off")})") : "no RUART (FAIL ER04)");
            AddReaderCounters(SupportSections.Dongle, "reader", device);
        }

        return true;
    }

    private async Task<bool> CheckCacheAsync(CancellationToken cancellationToken)
    {
        var cache = _settings.CreatePanCache();
        var credentials = _settings.RequireCredentials();
        var lookup = await cache.LoadAsync(credentials, cancellationToken).ConfigureAwait(false);
        Report.Add(SupportSections.Pan, "cache", lookup.Entry is { } e
            ? $"{lookup.Status}: {e.Pan}, found {e.FoundAt.ToOffset(BRoute.History.MeterClock.Offset):yyyy-MM-dd HH:mm:ss zzz} with {FamilyNames.NameOf(e.DongleFamily)}"
            : $"{lookup.Status}{(lookup.Reason is null ? string.Empty : $": {lookup.Reason}")}");
        Report.Add(SupportSections.Pan, "cache_file", cache.PathFor(credentials));
        return true;
    }

    /// <summary>One run of the scan ladder: the LQI of our meter and how many other PANs answered; saves the PAN in the cache.</summary>
    private async Task<bool> ScanAsync(CancellationToken cancellationToken)
    {
        var report = await MeterSession.ScanAsync(SessionSetup.Options(context, logger), null, cancellationToken).ConfigureAwait(false);
        Report.Add(SupportSections.Link, "scans_run", report.ScansRun)
            .Add(SupportSections.Link, "pans_seen", report.Candidates.Count)
            .Add(SupportSections.Link, "other_meters", report.OtherPairIds);
        if (report.Found is not { } found)
        {
            throw new MeterUnreachableException(report.Failure ?? "the scan found no PAN with our pairing ID");
        }

        AddScanLqi(found.Lqi, "scan");
        return true;
    }

    /// <summary>lqi, rssi, quality and lqi_source (scan, pan_cache) of the meter's EPANDESC.</summary>
    private void AddScanLqi(byte lqi, string source)
    {
        var l = SupportSections.Link;
        Report.Add(l, "lqi", string.Create(CultureInfo.InvariantCulture, $"0x{lqi:X2} ({lqi})"), lqi)
            .Add(l, "rssi", LinkQuality.Rssi(lqi) + " (0.275 × LQI − 104.27)", LinkQuality.RoundedRssiDbm(lqi))
            .Add(l, "quality", LinkQuality.Verdict(lqi))
            .Add(l, "lqi_source", source);
    }

    /// <summary>
    /// The RSSI/LQI token of the meter's ERXUDP frames as the session recorded it (frames_from_meter, frames_with_rssi,
    /// frame_rssi_last/min/max/mean), or frame_rssi saying why there is none; with --no-scan also the scan LQI the
    /// session got from the PAN cache (or from its own scan when the cache had no entry).
    /// </summary>
    private void AddSessionLinkQuality(MeterLinkQuality q, SkDialect? dialect, bool scanLqiShown)
    {
        var l = SupportSections.Link;
        if (!scanLqiShown)
        {
            if (q.ScanLqi is { } lqi)
            {
                AddScanLqi(lqi, q.ScanLqiSource == ScanLqiSource.PanCache ? "pan_cache" : "scan");
                if (q.ScanLqiAt is { } at)
                {
                    Report.Add(l, "lqi_at", CliJson.Timestamp(BRoute.History.MeterClock.ToMeterTime(at)));
                }
            }
            else
            {
                Report.Add(l, "lqi_source", "none");
            }
        }

        Report.Add(l, "frames_from_meter", q.MeterFrames)
            .Add(l, "frames_with_rssi", q.FramesWithLqi);
        if (q is { LastLqi: { } last, MinLqi: { } min, MaxLqi: { } max, MeanRssiDbm: { } mean })
        {
            FrameRssi("frame_rssi_last", last, "; ERXUDP token read as an LQI, 0.275 × LQI − 104.27");
            FrameRssi("frame_rssi_min", min, string.Empty);
            FrameRssi("frame_rssi_max", max, string.Empty);
            Report.Add(l, "frame_rssi_mean", string.Create(CultureInfo.InvariantCulture, $"{mean:0.#} dBm"), LinkQuality.RoundedDbm(mean));
            return;
        }

        Report.Add(l, "frame_rssi", LinkQuality.NoFrameRssi(q.Layout, dialect is null ? null : FamilyNames.NameOf(dialect.Family)));
    }

    /// <summary>"-61.9 dBm (LQI 0x9A…)" in the text, -61.92 in JSON.</summary>
    private void FrameRssi(string key, byte lqi, string note) =>
        Report.Add(SupportSections.Link, key, LinkQuality.Rssi(lqi) + string.Create(CultureInfo.InvariantCulture, $" (LQI 0x{lqi:X2}{note})"), LinkQuality.RoundedRssiDbm(lqi));

    /// <summary>Connects (the PAN just cached), reads identity, maps and scale, and records every counter.</summary>
    private async Task<bool> CheckMeterAsync(bool scanLqiShown, CancellationToken cancellationToken)
    {
        SkDevice? opened = null;
        var open = SkDeviceFactories.Open(_settings.Device);
        var options = SessionSetup.Options(context, logger, async (o, ct) => opened = await open(o, ct).ConfigureAwait(false))
            with { UseRememberedCapabilities = false }; // a diagnosis reports what the meter says now, not what was remembered
        var session = await MeterSession.ConnectAsync(options, null, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var m = SupportSections.Meter;
            Report.Add(m, "summary", session.Meter.ToString());
            var reading = await session.ReadAsync(MeterEpcs, cancellationToken).ConfigureAwait(false);
            foreach (var p in reading.Properties)
            {
                Report.Add(m, p.Name, $"{p.ToDisplayString()} (0x{p.Epc:X2}{(p.Raw.IsEmpty ? string.Empty : $" = {Convert.ToHexString(p.Raw.Span)}")})");
            }

            foreach (var epc in reading.Unanswered)
            {
                Report.Add(SupportSections.Problems, $"epc_{epc:X2}", "no reply after every retry");
            }

            if (session.Pan is { } pan)
            {
                Report.Add(SupportSections.Pan, "channel", string.Create(CultureInfo.InvariantCulture, $"{pan.Channel} (0x{pan.Channel:X2})"), pan.Channel)
                    .Add(SupportSections.Pan, "pan_id", pan.PanId.ToString("X4", CultureInfo.InvariantCulture))
                    .Add(SupportSections.Pan, "mac", pan.MacHex);
            }

            Report.Add(SupportSections.Pan, "ipv6", session.MeterAddress?.ToString());
            if (session.Dialect is { } dialect)
            {
                Report.Add(SupportSections.Dongle, "session_dialect", dialect.ToString());
            }

            var statistics = session.Statistics;
            AddSessionLinkQuality(statistics.LinkQuality, session.Dialect, scanLqiShown);
            AddSessionCounters(statistics);
            if (opened is not null)
            {
                AddReaderCounters(SupportSections.Counters, "reader", opened);
            }
        }

        return true;
    }

    private void AddSessionCounters(SessionStatistics s)
    {
        var c = SupportSections.Counters;
        Report.Add(c, "frames_sent", s.FramesSent)
            .Add(c, "requests", s.Requests)
            .Add(c, "retries", s.Retries)
            .Add(c, "send_failures", s.SendFailures)
            .Add(c, "reply_timeouts", s.ReplyTimeouts)
            .Add(c, "requests_given_up", s.RequestsGivenUp)
            .Add(c, "replies_accepted", s.RepliesAccepted)
            .Add(c, "dropped", Text(s.DroppedTotal) + (s.DroppedTotal == 0 ? string.Empty : $" ({string.Join(", ", s.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}"))})"), s.DroppedTotal)
            .Add(c, "notifications", s.Notifications)
            .Add(c, "infc_responses", s.InfcResponses)
            .Add(c, "scans", s.Scans)
            .Add(c, "joins", s.Joins)
            .Add(c, "rejoins", s.Rejoins)
            .Add(c, "reauthentications", s.Reauthentications)
            .Add(c, "reopens", s.Reopens)
            .Add(c, "transmit_holds", s.TransmitHolds)
            .Add(c, "air_time_this_hour", string.Create(CultureInfo.InvariantCulture, $"{s.AirTimeThisHour.TotalMilliseconds:0} ms"), Math.Round(s.AirTimeThisHour.TotalMilliseconds))
            .Add(c, "max_opc", s.MaxOpc)
            .Add(c, "largest_accepted_opc", s.LargestAcceptedOpc)
            .Add(c, "unsupported_epcs", s.UnsupportedEpcs.Count == 0 ? "none" : string.Join(" ", s.UnsupportedEpcs.Select(e => $"0x{e:X2}")));
    }

    private void AddReaderCounters(string c, string prefix, SkDevice device)
    {
        var r = device.ReaderStatistics;
        Report.Add(c, $"{prefix}_items_read", r.Items)
            .Add(c, $"{prefix}_erxudp", r.Erxudp)
            .Add(c, $"{prefix}_garbled_lines", r.GarbledLines)
            .Add(c, $"{prefix}_overlong_lines", r.OverlongLines)
            .Add(c, $"{prefix}_events_dropped", device.DroppedEvents);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
