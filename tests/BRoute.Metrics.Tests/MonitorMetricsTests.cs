using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using static BRoute.Metrics.Tests.Events;

namespace BRoute.Metrics.Tests;

public sealed class MonitorMetricsTests
{
    private const string M = "meter=\"" + Meter + "\"";

    [Fact]
    public async Task A_typical_stream_gives_each_value_in_its_base_unit()
    {
        var samples = await ExportAsync(Typical());

        Assert.Equal(1, samples[$"broute_meter_up{{{M}}}"]);
        Assert.Equal(628, samples[$"broute_power_watts{{{M}}}"]);
        Assert.Equal(5.7, samples[$"broute_current_amperes{{{M},phase=\"r\"}}"], 9);
        Assert.Equal(4.7, samples[$"broute_current_amperes{{{M},phase=\"t\"}}"], 9);
        Assert.Equal(8000.1 * 3_600_000, samples[$"broute_energy_joules_total{{{M},direction=\"import\"}}"], 3);
        Assert.Equal(12.5 * 3_600_000, samples[$"broute_energy_joules_total{{{M},direction=\"export\"}}"], 3);
        Assert.Equal(0.6 * 3_600_000, samples[$"broute_half_hour_energy_joules{{{M},direction=\"import\"}}"], 3);
        Assert.Equal(0.1 * 3_600_000, samples[$"broute_half_hour_energy_joules{{{M},direction=\"export\"}}"], 3);
        Assert.Equal(T0.AddMinutes(30).ToUnixTimeSeconds(), samples[$"broute_half_hour_end_timestamp_seconds{{{M}}}"]);
        Assert.Equal(40, samples[$"broute_requests_total{{{M}}}"]);
        Assert.Equal(3, samples[$"broute_resends_total{{{M}}}"]);
        Assert.Equal(3, samples[$"broute_stale_replies_total{{{M}}}"]); // stale 2 + duplicate 1; unknown_tid is not a late reply
        Assert.Equal(1, samples[$"broute_reauthentications_total{{{M}}}"]);
        Assert.Equal(4.25, samples[$"broute_transmit_seconds{{{M}}}"]);
        Assert.Equal(120, samples[$"broute_link_lqi{{{M}}}"]);
        Assert.Equal((0.275 * 120) - 104.27, samples[$"broute_link_rssi_dbm{{{M}}}"], 6);
        Assert.Equal(T0.AddSeconds(60).ToUnixTimeMilliseconds() / 1000.0, samples[$"broute_last_reading_timestamp_seconds{{{M}}}"]);
        Assert.Equal(1, samples[$"broute_meter_info{{{M},maker=\"000016\",serial=\"SIM000000001\",standard_version=\"Appendix F\"}}"]);
    }

    [Fact]
    public async Task Every_documented_name_is_exported_after_a_typical_stream()
    {
        var metrics = new MonitorMetrics();
        foreach (var e in Typical())
        {
            metrics.Observe(e);
        }

        var text = await MetricsText.ExportAsync(metrics);
        foreach (var name in MetricNames.All)
        {
            Assert.Contains($"\n# TYPE {name} ", "\n" + text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_one_minute_registers_of_D0_feed_the_energy_counter_too()
    {
        // A meter with D0 is read for D0 instead of E0 + E3: the same registers, taken at the minute.
        var samples = await ExportAsync([Read(T0, Value(Quantity.OneMinuteImportEnergy, 8000.3m, T0), Value(Quantity.OneMinuteExportEnergy, 12.6m, T0))]);

        Assert.Equal(8000.3 * 3_600_000, samples[$"broute_energy_joules_total{{{M},direction=\"import\"}}"], 3);
        Assert.Equal(12.6 * 3_600_000, samples[$"broute_energy_joules_total{{{M},direction=\"export\"}}"], 3);
    }

    [Fact]
    public async Task No_data_and_not_supported_never_become_numbers()
    {
        var samples = await ExportAsync(
        [
            State(MonitorStateKind.Connected, T0),
            Read(T0, Value(Quantity.Power, null, T0, ValueStatus.NoData), Value(Quantity.CurrentR, 3m, T0), Value(Quantity.CurrentT, null, T0, ValueStatus.NotSupported)),
        ]);

        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("broute_power_watts{", StringComparison.Ordinal));
        Assert.DoesNotContain(samples.Keys, k => k.Contains("phase=\"t\"", StringComparison.Ordinal));
        Assert.Equal(3, samples[$"broute_current_amperes{{{M},phase=\"r\"}}"]);
    }

    [Fact]
    public async Task A_half_hour_across_the_register_wrap_counts_what_was_used()
    {
        // D7 = 6 digits at 0.1 kWh: the register wraps at 100,000.0 kWh.
        var samples = await ExportAsync(
        [
            new MeterIdentifiedEvent(T0, Identity(digits: 6, kwhPerCount: 0.1m)),
            Slot(T0, 99_999.8m, null),
            Slot(T0.AddMinutes(30), 0.3m, null),
        ]);

        Assert.Equal(0.5 * 3_600_000, samples[$"broute_half_hour_energy_joules{{{M},direction=\"import\"}}"], 3);
    }

    [Fact]
    public async Task A_half_hour_without_its_predecessor_or_with_no_data_gives_no_energy()
    {
        var samples = await ExportAsync(
        [
            Slot(T0, 7999.5m, null),
            Slot(T0.AddMinutes(60), 8000.5m, null), // 19:30 missing: no energy for 20:00
            new HalfHourEvent(T0, new HalfHour(Meter, T0.AddMinutes(90), SlotEnergy.NoData, SlotEnergy.Absent, ValueSource.History)),
        ]);

        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("broute_half_hour_energy_joules{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_older_half_hour_from_a_backfill_does_not_replace_the_latest()
    {
        var samples = await ExportAsync(
        [
            Slot(T0.AddMinutes(30), 8000.1m, null),
            Slot(T0.AddMinutes(60), 8000.4m, null),
            Slot(T0.AddDays(-3), 7900.0m, null, ValueSource.History),
            Slot(T0.AddDays(-3).AddMinutes(30), 7900.7m, null, ValueSource.History),
        ]);

        Assert.Equal(T0.AddMinutes(60).ToUnixTimeSeconds(), samples[$"broute_half_hour_end_timestamp_seconds{{{M}}}"]);
        Assert.Equal(0.3 * 3_600_000, samples[$"broute_half_hour_energy_joules{{{M},direction=\"import\"}}"], 3);
    }

    [Fact]
    public async Task Counters_keep_growing_across_a_new_session_that_starts_from_zero()
    {
        var samples = await ExportAsync(
        [
            Counters(T0, requests: 100, retries: 7, stale: 1, reauths: 2, reconnects: 0, TimeSpan.FromSeconds(1)),
            Counters(T0.AddMinutes(1), requests: 120, retries: 8, stale: 1, reauths: 2, reconnects: 0, TimeSpan.FromSeconds(1)),
            Counters(T0.AddMinutes(2), requests: 5, retries: 0, stale: 0, reauths: 0, reconnects: 1, TimeSpan.FromSeconds(1)), // new session
        ]);

        Assert.Equal(125, samples[$"broute_requests_total{{{M}}}"]);
        Assert.Equal(8, samples[$"broute_resends_total{{{M}}}"]);
        Assert.Equal(1, samples[$"broute_reconnects_total{{{M}}}"]);
    }

    [Theory]
    [InlineData(MonitorStateKind.Connected, 1)]
    [InlineData(MonitorStateKind.TransmitPaused, 1)]
    [InlineData(MonitorStateKind.Reauthenticating, 1)]
    [InlineData(MonitorStateKind.Outage, 0)]
    [InlineData(MonitorStateKind.Connecting, 0)]
    [InlineData(MonitorStateKind.AuthenticationRefused, 0)]
    [InlineData(MonitorStateKind.Stopped, 0)]
    public async Task Up_follows_the_link_state(MonitorStateKind kind, double expected)
    {
        var samples = await ExportAsync([State(MonitorStateKind.Connected, T0), State(kind, T0.AddMinutes(1))]);
        Assert.Equal(expected, samples[$"broute_meter_up{{{M}}}"]);
    }

    [Fact]
    public async Task RunAsync_consumes_a_stream_to_its_end()
    {
        var metrics = new MonitorMetrics();
        await metrics.RunAsync(Typical().ToAsyncEnumerable(), CancellationToken.None);
        var samples = MetricsText.Samples(await MetricsText.ExportAsync(metrics));
        Assert.Equal(628, samples[$"broute_power_watts{{{M}}}"]);
    }

    private static async Task<Dictionary<string, double>> ExportAsync(IEnumerable<MonitorEvent> events)
    {
        var metrics = new MonitorMetrics();
        foreach (var e in events)
        {
            metrics.Observe(e);
        }

        return MetricsText.Samples(await MetricsText.ExportAsync(metrics));
    }
}
