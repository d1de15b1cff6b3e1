using System.Runtime.CompilerServices;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Scanning;
using BRoute.Session;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;
using BRoute.Storage.Writing;
using Microsoft.Extensions.Logging;

namespace BRoute.Storage.Tests;

public sealed class WriterTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private MeterStore Store => _f.Store;

    [Fact]
    public async Task Every_kind_of_monitor_event_lands_in_its_table()
    {
        var t = Samples.Slot(1);
        var pan = new MeterPan(33, 0x8888, 0x001C640000A1B2C3, "4B5C6D7E");
        MonitorEvent[] events =
        [
            new StateChangedEvent(t, new MonitorState(null, MonitorStateKind.Connecting, t, Reason: "opening /dev/ttyUSB0")),
            new StateChangedEvent(t.AddSeconds(20), new MonitorState(Samples.MeterId, MonitorStateKind.Connected, t.AddSeconds(20), Pan: pan, DongleFamily: "bp35a1")),
            new MeterIdentifiedEvent(t.AddSeconds(21), Samples.Meter()),
            Samples.Sample(t.AddSeconds(30), 640, 6.5m, 0.4m),
            new MeasurementsEvent(t.AddSeconds(31), [
                new Measurement(Samples.MeterId, Quantity.ImportEnergy, 12345.6m, ValueStatus.Ok, null, t.AddSeconds(31), ValueSource.Get),
                new Measurement(Samples.MeterId, Quantity.ExportEnergy, null, ValueStatus.NoData, null, t.AddSeconds(31), ValueSource.Get),
                new Measurement(Samples.MeterId, Quantity.OneMinuteImportEnergy, 12345.5m, ValueStatus.Ok, t, t.AddSeconds(32), ValueSource.Get),
            ]),
            new HalfHourEvent(t.AddSeconds(40), Samples.HalfHour(1, 12345.0m, 3.0m)),
            new HalfHourConflictEvent(t.AddSeconds(41), Samples.HalfHour(1, 12345.0m), Samples.HalfHour(1, 12345.1m, source: ValueSource.History)),
            new StateChangedEvent(t.AddMinutes(5), new MonitorState(Samples.MeterId, MonitorStateKind.Outage, t.AddMinutes(5), Reason: "the meter did not answer 3 requests")),
            new StateChangedEvent(t.AddMinutes(65), new MonitorState(Samples.MeterId, MonitorStateKind.Connected, t.AddMinutes(65), Pan: pan)),
            new StateChangedEvent(t.AddMinutes(70), new MonitorState(Samples.MeterId, MonitorStateKind.TransmitPaused, t.AddMinutes(70), Until: t.AddMinutes(130), Reason: "EVENT 32")),
            new BackfillProgressEvent(t.AddMinutes(71), Samples.MeterId, new DateOnly(2026, 1, 14), 1, 3),
            new CountersEvent(t.AddMinutes(72), Samples.MeterId, new SessionStatistics(), 2),
        ];
        var writer = new StoreWriter(Store);

        await writer.RunAsync(AsStream(events), Ct);

        var stats = writer.Statistics;
        Assert.Equal(events.Length, stats.EventsWritten);
        Assert.Equal(1, stats.HalfHoursInserted);
        Assert.Equal(0, stats.Pending);
        var meter = Assert.Single(await Store.Meters.AllAsync(Ct));
        Assert.Equal(100_000m, meter.Identity.WrapKwh);
        Assert.Equal("SN12345", meter.Identity.SerialNumber);
        var sample = Assert.Single(await Store.Samples.RangeAsync(Samples.MeterId, t, t.AddHours(1), Ct));
        Assert.Equal((640.0, 6.5, 0.4), (sample.PowerW, sample.CurrentRA, sample.CurrentTA));
        Assert.Equal(t.AddSeconds(30), await Store.Samples.LastSampleTimeAsync(Samples.MeterId, Ct));
        var readings = await Store.EnergyReadings.RangeAsync(Samples.MeterId, t, t.AddHours(1), Ct);
        Assert.Equal([(EnergyReadingTable.Register, (decimal?)12345.6m, (decimal?)null), (EnergyReadingTable.OneMinute, 12345.5m, null)], readings.Select(r => (r.Kind, r.ImportKwh, r.ExportKwh)));
        Assert.Equal(t, readings[1].MeterTime);
        Assert.Equal(SlotEnergy.Of(3.0m), Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(1), Ct)).Export);

        var kinds = (await Store.Events.RangeAsync(null, t, t.AddDays(1), Ct)).Select(e => e.Kind).ToList();
        Assert.Equal(
            [
                StoreEventKinds.Connecting, StoreEventKinds.Connected, StoreEventKinds.MeterIdentified, StoreEventKinds.HalfHourConflict,
                StoreEventKinds.OutageBegan, StoreEventKinds.OutageEnded, StoreEventKinds.Connected, StoreEventKinds.TransmitPaused, StoreEventKinds.BackfillProgress,
            ],
            kinds);
        var all = await Store.Events.RangeAsync(Samples.MeterId, t, t.AddDays(1), Ct);
        Assert.Contains("\"seconds\":3600", all.Single(e => e.Kind == StoreEventKinds.OutageEnded).Detail, StringComparison.Ordinal);
        Assert.Equal(t.AddMinutes(130), all.Single(e => e.Kind == StoreEventKinds.TransmitPaused).Until);
        Assert.Contains("\"pan_id\":\"0x8888\"", all.First(e => e.Kind == StoreEventKinds.Connected).Detail, StringComparison.Ordinal);
        Assert.Null((await Store.Events.RangeAsync(null, t, t, Ct)).Single().MeterId); // connecting before the meter was known
    }

    [Fact]
    public async Task A_full_disk_is_logged_once_readings_wait_in_memory_and_are_written_when_there_is_room()
    {
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(0, 1m), Ct);
        var pages = (long)OpenTests.Scalar(Reader(), "PRAGMA page_count")!;
        Store.ExecuteOnWriter($"PRAGMA max_page_count = {pages}"); // the file may not grow: SQLITE_FULL, as on a full disk
        var writer = new StoreWriter(Store, new StoreWriterOptions { SampleQueueCapacity = 1000, BatchSize = 256 }, _f.Logger);
        for (var i = 1; i <= 10; i++)
        {
            writer.Post(new HalfHourEvent(Samples.Slot(i), Samples.HalfHour(i, 1m + i)));
        }

        for (var i = 0; i < 1000; i++)
        {
            writer.Post(Samples.Sample(Samples.Slot(0).AddSeconds(10 * i), i, 1m, 1m));
        }

        using var cts = new CancellationTokenSource();
        var loop = writer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => writer.Statistics.FailedWrites >= 4, "four failed attempts", () => _f.Time.Advance(TimeSpan.FromSeconds(5)));

        // Meanwhile the monitor goes on: more half-hours (never dropped) and samples (the oldest dropped beyond the bound).
        for (var i = 11; i <= 20; i++)
        {
            writer.Post(new HalfHourEvent(Samples.Slot(i), Samples.HalfHour(i, 1m + i)));
        }

        for (var i = 1000; i < 1500; i++)
        {
            writer.Post(Samples.Sample(Samples.Slot(0).AddSeconds(10 * i), i, 1m, 1m));
        }

        var failing = writer.Statistics;
        Assert.NotNull(failing.FailingSince);
        Assert.Contains("disk is full", failing.LastError, StringComparison.Ordinal);
        Assert.Equal(254, failing.SamplesDropped); // 1000 − 246 taken into the failing batch + 500 new − capacity 1000
        var errors = _f.Logger.Lines.Where(l => l.Level == LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("free space", error.Message, StringComparison.Ordinal);
        Assert.Contains(_f.Path, error.Message, StringComparison.Ordinal);

        Store.ExecuteOnWriter("PRAGMA max_page_count = 1073741823"); // space freed
        await Eventually.TrueAsync(() => writer.Statistics.Pending == 0, "the queue written", () => _f.Time.Advance(TimeSpan.FromSeconds(5)));

        var done = writer.Statistics;
        Assert.Null(done.FailingSince);
        Assert.Equal(21, (await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(20), Ct)).Count);
        var stored = (await Store.Samples.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(0).AddDays(1), Ct)).Count;
        Assert.Equal(1500 - done.SamplesDropped, stored);
        Assert.Contains(_f.Logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("writable again", StringComparison.Ordinal));
        Assert.Single(_f.Logger.Lines, l => l.Level == LogLevel.Error);
        writer.Complete();
        await loop.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_store_that_turns_read_only_is_logged_once_and_written_when_writable_again()
    {
        Store.ExecuteOnWriter("PRAGMA query_only = ON"); // every write now fails with SQLITE_READONLY, as on a read-only remount
        var writer = new StoreWriter(Store, logger: _f.Logger);
        using var cts = new CancellationTokenSource();
        var loop = writer.RunAsync(cts.Token);
        writer.Post(new HalfHourEvent(Samples.Slot(1), Samples.HalfHour(1, 1m)));
        await Eventually.TrueAsync(() => writer.Statistics.FailedWrites >= 3, "three failed attempts", () => _f.Time.Advance(TimeSpan.FromSeconds(5)));
        writer.Post(new HalfHourEvent(Samples.Slot(2), Samples.HalfHour(2, 2m)));

        var error = Assert.Single(_f.Logger.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("write access", error.Message, StringComparison.Ordinal);

        Store.ExecuteOnWriter("PRAGMA query_only = OFF");
        await Eventually.TrueAsync(() => writer.Statistics.Pending == 0, "the queue written", () => _f.Time.Advance(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, (await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(2), Ct)).Count);
        Assert.Null(writer.Statistics.FailingSince);
        writer.Complete();
        await loop.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_event_the_store_refuses_is_skipped_and_counted_and_the_rest_of_its_batch_is_written()
    {
        var writer = new StoreWriter(Store, logger: _f.Logger);
        writer.Post(new HalfHourEvent(Samples.Slot(1), Samples.HalfHour(1, 1m)));
        writer.Post(new HalfHourEvent(Samples.Slot(2), Samples.HalfHour(2, 2m) with { MeterId = null! }));
        writer.Post(new HalfHourEvent(Samples.Slot(3), Samples.HalfHour(3, 3m)));
        writer.Post(new HalfHourEvent(Samples.Slot(4), Samples.HalfHour(4, 4m) with { SlotEnd = Samples.Slot(4).AddMinutes(7) }));
        writer.Complete();

        await writer.RunAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, writer.Statistics.EventsSkipped);
        Assert.Contains(_f.Logger.Lines, l => l.Message.Contains("must lie on :00 or :30", StringComparison.Ordinal));
        Assert.Equal([Samples.Slot(1), Samples.Slot(3)], (await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(5), Ct)).Select(r => r.SlotEnd));
        Assert.Contains(_f.Logger.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("skipped a HalfHourEvent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_never_blocks_and_a_stopped_writer_writes_what_was_queued()
    {
        var writer = new StoreWriter(Store);
        using var cts = new CancellationTokenSource();
        var loop = writer.RunAsync(Endless(cts.Token), cts.Token);
        for (var i = 1; i <= 48; i++)
        {
            Assert.True(writer.Post(new HalfHourEvent(Samples.Slot(i), Samples.HalfHour(i, i))));
        }

        await cts.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(48, (await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(48), Ct)).Count);
        Assert.False(writer.Post(new HalfHourEvent(Samples.Slot(49), Samples.HalfHour(49, 49m))));
    }

    [Fact]
    public async Task A_store_closed_under_a_running_writer_stops_it_with_an_error_and_drops_nothing_as_invalid()
    {
        using var f = new StoreFixture();
        var writer = new StoreWriter(f.Store, logger: f.Logger);
        f.Store.Dispose();
        writer.Post(new HalfHourEvent(Samples.Slot(1), Samples.HalfHour(1, 1m)));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.RunAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(0, writer.Statistics.EventsSkipped);
    }

    private static async IAsyncEnumerable<MonitorEvent> AsStream(IEnumerable<MonitorEvent> events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    private static async IAsyncEnumerable<MonitorEvent> Endless([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    private Microsoft.Data.Sqlite.SqliteConnection Reader()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_f.Path};Pooling=False");
        connection.Open();
        return connection;
    }
}
