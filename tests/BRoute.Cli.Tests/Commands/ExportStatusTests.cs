using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Storage;

namespace BRoute.Cli.Tests.Commands;

/// <summary>export and status against a real SQLite store filled through the store's own API.</summary>
public sealed class ExportStatusTests : IDisposable
{
    private const string Meter = "001C640000A1B2C3";
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Day = new(2026, 11, 27, 0, 0, 0, Jst);
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-export-").FullName;

    private string StorePath => Path.Combine(_folder, "broute.db");

    [Fact]
    public async Task Half_hours_export_as_csv_with_consumption_across_the_wrap_and_no_data_as_empty_cells()
    {
        await FillAsync();

        var run = await RunAsync("export", "--store", StorePath, "--from", "2026-11-27", "--to", "2026-11-27");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "meter,slot_end,import_kwh,export_kwh,import_delta_kwh,export_delta_kwh,source",
                $"{Meter},2026-11-27T00:00:00+09:00,99999.8,5.0,,,history",
                $"{Meter},2026-11-27T00:30:00+09:00,0.3,5.1,0.5,0.1,history",
                $"{Meter},2026-11-27T01:00:00+09:00,,5.1,,0.0,history",
                $"{Meter},2026-11-27T01:30:00+09:00,1.0,5.2,,0.1,notification",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task Half_hours_export_as_json_lines_with_statuses()
    {
        await FillAsync();

        var run = await RunAsync("export", "--store", StorePath, "--json", "--from", "2026-11-27T00:30", "--to", "2026-11-27T01:00:00+09:00");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.OutputLines.Length == 2, run.Output);
        Assert.Equal(
            string.Join("\n", [
                $$"""{"meter":"{{Meter}}","slot_end":"2026-11-27T00:30:00+09:00","import_kwh":0.3,"export_kwh":5.1,"import_status":"ok","export_status":"ok","import_delta_kwh":0.5,"export_delta_kwh":0.1,"source":"history"}""",
                $$"""{"meter":"{{Meter}}","slot_end":"2026-11-27T01:00:00+09:00","import_kwh":null,"export_kwh":5.1,"import_status":"no_data","export_status":"ok","import_delta_kwh":null,"export_delta_kwh":0.0,"source":"history"}""",
            ]), string.Join("\n", run.OutputLines));
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from 'yesterday' is not a time")]
    [InlineData("--to", "2026-13-01", "--to '2026-13-01' is not a time")]
    public async Task A_bad_time_says_what_to_write(string option, string value, string message)
    {
        await FillAsync();
        var run = await RunAsync("export", "--store", StorePath, option, value);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reversed_times_missing_stores_and_both_formats_are_usage_errors()
    {
        await FillAsync();
        Assert.Contains("is before --from", (await RunAsync("export", "--store", StorePath, "--from", "2026-11-28", "--to", "2026-11-26")).Error, StringComparison.Ordinal);
        Assert.Contains("no store at", (await RunAsync("export", "--store", Path.Combine(_folder, "none.db"))).Error, StringComparison.Ordinal);
        Assert.Contains("not both", (await RunAsync("export", "--store", StorePath, "--csv", "--json")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_counts_the_half_hours_missing_from_the_history_window()
    {
        await FillAsync();

        var run = await RunAsync("status", "--store", StorePath, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var meter = json.RootElement.GetProperty("meters")[0];
        Assert.Equal(Meter, meter.GetProperty("meter").GetString());
        var window = meter.GetProperty("history_window");
        var expected = window.GetProperty("expected").GetInt32();
        Assert.True(expected > 4000, $"a 100-day window holds thousands of slots, got {expected}");
        Assert.Equal(expected - window.GetProperty("stored").GetInt32(), window.GetProperty("missing").GetInt32());
        Assert.Equal(window.GetProperty("missing").GetInt32(), window.GetProperty("missing_ranges").EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task FillAsync()
    {
        using var store = MeterStore.Open(new StoreOptions { Path = StorePath });
        await store.Meters.UpsertAsync(new MeterIdentity(Meter, "000016", "SIM1", "Appendix F", 1, 0.1m, 6, true, false), default);
        await store.HalfHours.UpsertAsync(Slot(0, SlotEnergy.Of(99_999.8m), SlotEnergy.Of(5.0m)), default);
        await store.HalfHours.UpsertAsync(Slot(1, SlotEnergy.Of(0.3m), SlotEnergy.Of(5.1m)), default); // the register wrapped at 100,000 kWh
        await store.HalfHours.UpsertAsync(Slot(2, SlotEnergy.NoData, SlotEnergy.Of(5.1m)), default);
        await store.HalfHours.UpsertAsync(Slot(3, SlotEnergy.Of(1.0m), SlotEnergy.Of(5.2m), ValueSource.Notification), default);
    }

    private static HalfHour Slot(int index, SlotEnergy import, SlotEnergy export, ValueSource source = ValueSource.History) =>
        new(Meter, Day.AddMinutes(30 * index), import, export, source);

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), output, error);
        var code = await Program.RunAsync(args, console);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
