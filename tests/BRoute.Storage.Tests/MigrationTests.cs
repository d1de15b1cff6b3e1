using BRoute.Monitoring;
using BRoute.Storage.Schema;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Tests;

/// <summary>Every older schema version, holding data written the way that version wrote it, opens and migrates to the latest with nothing lost.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<int> OlderVersions()
    {
        var data = new TheoryData<int>();
        for (var v = 0; v < Migrator.Latest; v++)
        {
            data.Add(v);
        }

        return data;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Migrations_are_numbered_one_per_file_without_holes()
    {
        Assert.Equal(Enumerable.Range(1, Migrator.Latest), Migrator.Migrations.Select(m => m.Version));
        Assert.All(Migrator.Migrations, m => Assert.StartsWith($"{m.Version:D4}_", m.Name, StringComparison.Ordinal));
        Assert.True(Migrator.Latest >= 4);
    }

    [Theory]
    [MemberData(nameof(OlderVersions))]
    public async Task A_store_at_an_older_version_migrates_to_the_latest_keeping_its_data(int version)
    {
        var path = _dir.File($"v{version}.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Migrator.MigrateTo(connection, version);
            Assert.Equal(version, Migrator.UserVersion(connection));
            WriteAsVersion(connection, version);
        }

        using var store = MeterStore.Open(new StoreOptions { Path = path });

        using (var check = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            check.Open();
            Assert.Equal(Migrator.Latest, Migrator.UserVersion(check));
        }

        var ct = CancellationToken.None;
        if (version >= 1)
        {
            var meter = Assert.Single(await store.Meters.AllAsync(ct));
            Assert.Equal(100_000m, meter.Identity.WrapKwh);
            var rows = await store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(10), ct);
            Assert.Equal([Samples.Slot(1), Samples.Slot(2), Samples.Slot(3)], rows.Select(r => r.SlotEnd));
            Assert.Equal(SlotEnergy.Of(99_999.9m), rows[0].Import);
            Assert.Equal(SlotEnergy.NoData, rows[2].Import);
            Assert.Equal(0.3m, rows[1].ImportDeltaKwh); // across the wrap, from data written before v3
            Assert.Null(rows[2].ImportDeltaKwh);

            // v3 numbered the old rows in the order they were first stored (slot 2 was stored first).
            Assert.Equal([2L, 1L, 3L], rows.Select(r => r.Sequence));
            var ev = Assert.Single(await store.Events.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(10), ct));
            Assert.Equal("connected", ev.Kind);
        }

        if (version >= 3)
        {
            Assert.Equal(2, await store.Outbox.GetCursorAsync("mqtt", Samples.MeterId, ct));
        }

        if (version >= 2)
        {
            var minute = Assert.Single(await store.Samples.MinutesAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(10), ct));
            Assert.Equal(new MinMeanMax(100, 150, 200), minute.PowerW);
        }

        // And the migrated store takes new data with every newer feature.
        await store.HalfHours.UpsertAsync(Samples.HalfHour(4, 0.5m), ct);
        var after = await store.Outbox.HalfHoursAfterAsync(Samples.MeterId, version >= 1 ? 3 : 0, 10, ct);
        Assert.Equal(Samples.Slot(4), Assert.Single(after).SlotEnd);
        await store.Outbox.SetCursorAsync("mqtt", Samples.MeterId, after[0].Sequence, ct);
        Assert.Equal(after[0].Sequence, await store.Outbox.GetCursorAsync("mqtt", Samples.MeterId, ct));
        await store.Links.UpsertAsync(LinkTableTests.Counters(Samples.Slot(4), requests: 40, resends: 3), ct);
        Assert.Equal((40L, 3L), (await store.Links.LatestAsync(Samples.MeterId, ct)) is { } link ? (link.Requests, link.Resends) : default);
    }

    /// <summary>Rows as the code of that version wrote them (v1: core tables; v2: minute aggregates too; v3: sequence numbers and a cursor).</summary>
    private static void WriteAsVersion(SqliteConnection connection, int version)
    {
        if (version < 1)
        {
            return;
        }

        var t0 = Samples.Slot(0).ToUnixTimeMilliseconds();
        long Slot(int i) => Samples.Slot(i).ToUnixTimeMilliseconds();
        OpenTests.Execute(
            connection,
            $"""
            INSERT INTO meters (key, id, maker_code, coefficient, kwh_per_count, effective_digits, measures_export, single_phase_two_wire, first_seen, last_seen)
            VALUES (1, '{Samples.MeterId}', '000016', 1, '0.1', 6, 1, 0, {t0}, {t0});
            INSERT INTO half_hours (meter, slot_end, import_kwh, import_status, import_source, first_stored, updated{(version >= 3 ? ", seq" : "")})
            VALUES (1, {Slot(1)}, '99999.9', 'ok', 'notification', {t0 + 2}, {t0 + 2}{(version >= 3 ? ", 2" : "")}),
                   (1, {Slot(2)}, '0.2', 'ok', 'history', {t0 + 1}, {t0 + 1}{(version >= 3 ? ", 1" : "")}),
                   (1, {Slot(3)}, NULL, 'no_data', 'history', {t0 + 3}, {t0 + 3}{(version >= 3 ? ", 3" : "")});
            INSERT INTO events (meter, at, kind, detail) VALUES (1, {Slot(1)}, 'connected', '["joined"]');
            """);
        if (version >= 2)
        {
            OpenTests.Execute(
                connection,
                $"INSERT INTO samples_1min (meter, minute, samples, power_min, power_mean, power_max) VALUES (1, {Slot(1)}, 6, 100, 150, 200);");
        }

        if (version >= 3)
        {
            // v3 numbered each half-hour as it stored it, and the MQTT publisher kept its cursor.
            OpenTests.Execute(connection, $"INSERT INTO cursors (consumer, meter, seq, updated) VALUES ('mqtt', 1, 2, {t0 + 4});");
        }

    }
}
