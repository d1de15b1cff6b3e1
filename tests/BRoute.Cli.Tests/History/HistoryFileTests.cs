using System.Text;
using BRoute.Cli.History;
using BRoute.Cli.Running;
using BRoute.Cli.Tests.Support;
using BRoute.Monitoring;

namespace BRoute.Cli.Tests.History;

public sealed class HistoryFileTests : IDisposable
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateOnly Day1 = new(2026, 1, 14);
    private static readonly DateTimeOffset Now = new(2026, 1, 16, 12, 0, 0, Jst);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOut => _dir.File("history.csv");

    private static DateTimeOffset Slot(DateOnly day, int k) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Jst).AddMinutes(30 * k);

    /// <summary>A day of half-hours as the gap logic delivers them: import = (base + k) × 0.1 kWh, export = k × 0.1 kWh.</summary>
    private static List<HalfHour> HalfHours(DateOnly day, uint normalBase = 86_500, bool reverse = true) =>
        [.. Enumerable.Range(0, 48).Select(k => new HalfHour("m", Slot(day, k), SlotEnergy.Of((normalBase + k) * 0.1m), reverse ? SlotEnergy.Of(k * 0.1m) : SlotEnergy.Absent, ValueSource.History))];

    /// <summary>The rows of a day, with deltas within the day (the first slot has no predecessor).</summary>
    private static IReadOnlyList<HistoryRow> Day(DateOnly day, uint normalBase = 86_500, bool reverse = true) =>
        new HistoryRowBuilder(null).Build(HalfHours(day, normalBase, reverse));

    private string[] Lines() => File.ReadAllText(PathOut).Split("\r\n");

    [Fact]
    public void A_new_file_gets_the_header_and_rows_in_jst_with_the_meter_resolution()
    {
        using (var file = HistoryFile.Open(PathOut))
        {
            Assert.Equal(0, file.RowCount);
            var result = file.Append(Day(Day1), Now);
            Assert.Equal(new HistoryAppendResult(48, 0, 0), result);
            Assert.Equal(48, file.RowCount);
        }

        var lines = Lines();
        Assert.Equal(50, lines.Length); // header + 48 + the empty string after the last CR LF
        Assert.Equal("timestamp,kwh_normal,kwh_reverse,status,import_delta_kwh,export_delta_kwh", lines[0]);
        Assert.Equal("2026-01-14T00:00:00+09:00,8650.0,0.0,ok,,", lines[1]);
        Assert.Equal("2026-01-14T00:30:00+09:00,8650.1,0.1,ok,0.1,0.1", lines[2]);
        Assert.Equal("2026-01-14T23:30:00+09:00,8654.7,4.7,ok,0.1,0.1", lines[48]);
        Assert.Equal(string.Empty, lines[49]);
    }

    [Fact]
    public void Reopening_resumes_knows_the_stored_days_and_never_duplicates()
    {
        using (var file = HistoryFile.Open(PathOut))
        {
            file.Append(Day(Day1), Now);
        }

        using (var file = HistoryFile.Open(PathOut))
        {
            Assert.Null(file.Repair);
            Assert.Equal(48, file.RowCount);
            Assert.Equal(Day(Day1), file.Rows.OrderBy(r => r.Timestamp)); // read back exactly as written
            var again = file.Append([.. Day(Day1), .. Day(Day1.AddDays(1))], Now);
            Assert.Equal(new HistoryAppendResult(48, 48, 0), again);
        }

        Assert.Equal(1 + 96 + 1, Lines().Length);
        Assert.Equal(96, Lines().Skip(1).Where(l => l.Length > 0).Distinct().Count());
    }

    [Theory]
    [InlineData("2026-01-15T00:00:00+09:00,86")] // cut inside a row
    [InlineData("2026-01-15T00:00:00+09:00,8650.0,0.0,ok")] // a whole row without its line end
    [InlineData("\0\0\0\0\0\0\0\0")] // zero bytes a file system may leave after a crash
    [InlineData("\r")] // half a line end
    public void A_cut_last_line_is_removed_then_written_once(string tail)
    {
        using (var file = HistoryFile.Open(PathOut))
        {
            file.Append(Day(Day1), Now);
        }

        File.AppendAllText(PathOut, tail);

        using (var file = HistoryFile.Open(PathOut))
        {
            Assert.StartsWith("removed an incomplete last line (", file.Repair, StringComparison.Ordinal);
            Assert.Equal(48, file.RowCount);
            Assert.Equal(new HistoryAppendResult(48, 0, 0), file.Append(Day(Day1.AddDays(1)), Now));
        }

        var rows = Lines().Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(96, rows.Count);
        Assert.Single(rows, r => r.StartsWith("2026-01-15T00:00:00+09:00,", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(HistoryRow.TryParseCsv(r, 6, out _, out _), r));
    }

    [Fact]
    public void A_cut_header_is_rewritten()
    {
        File.WriteAllText(PathOut, "timestamp,kwh_no");

        using (var file = HistoryFile.Open(PathOut))
        {
            Assert.NotNull(file.Repair);
            file.Append(Day(Day1), Now);
        }

        Assert.Equal(HistoryRow.CsvHeader, Lines()[0]);
    }

    [Fact]
    public async Task The_file_tells_the_gap_logic_which_slots_it_holds()
    {
        using (var file = HistoryFile.Open(PathOut))
        {
            file.Append(Day(Day1).Take(20), Now);
        }

        using (var file = HistoryFile.Open(PathOut))
        {
            var stored = await file.StoredSlotsAsync("any meter", Slot(Day1, 10), Slot(Day1, 30), CancellationToken.None);
            Assert.Equal(Enumerable.Range(10, 10).Select(k => Slot(Day1, k)), stored.Order());
            Assert.Equal(new HistoryAppendResult(28, 20, 0), file.Append(Day(Day1), Now));
        }
    }

    [Fact]
    public void Recent_no_data_slots_and_future_slots_are_held_back_for_a_later_run()
    {
        var today = new DateOnly(2026, 1, 16);
        var now = new DateTimeOffset(2026, 1, 16, 1, 10, 0, Jst);
        // The meter has 00:00 and 00:30 today; 01:00 is not recorded yet; the rest is the future.
        var rows = new HistoryRowBuilder(null).Build(Enumerable.Range(0, 48).Select(k =>
            new HalfHour("m", Slot(today, k), k < 2 ? SlotEnergy.Of(8660m + (k * 0.1m)) : SlotEnergy.NoData, SlotEnergy.Absent, ValueSource.History)));

        using var file = HistoryFile.Open(PathOut);
        var result = file.Append(rows, now);

        Assert.Equal(new HistoryAppendResult(2, 0, 46), result);
        Assert.False(file.Contains(new DateTimeOffset(2026, 1, 16, 1, 0, 0, Jst)));

        // Two hours later 01:00 is still missing: the meter lost it (an outage), so it is written as no_data.
        var later = file.Append(rows, now.AddHours(2));
        Assert.Equal(new HistoryAppendResult(3, 2, 43), later); // 01:00, 01:30, 02:00; 02:30 is younger than the grace
        Assert.Contains("2026-01-16T01:00:00+09:00,,,no_data,,", File.ReadAllText(PathOut), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_are_written_read_back_and_resumed()
    {
        using (var file = HistoryFile.Open(PathOut, HistoryFormat.Json))
        {
            file.Append(Day(Day1).Take(2), Now);
        }

        var lines = File.ReadAllText(PathOut).Split('\n');
        Assert.Equal("""{"timestamp":"2026-01-14T00:00:00+09:00","kwh_normal":8650.0,"kwh_reverse":0.0,"status":"ok","import_delta_kwh":null,"export_delta_kwh":null}""", lines[0]);
        Assert.Equal("""{"timestamp":"2026-01-14T00:30:00+09:00","kwh_normal":8650.1,"kwh_reverse":0.1,"status":"ok","import_delta_kwh":0.1,"export_delta_kwh":0.1}""", lines[1]);
        Assert.Equal(string.Empty, lines[2]);

        using (var file = HistoryFile.Open(PathOut, HistoryFormat.Json))
        {
            Assert.Equal(Day(Day1).Take(2), file.Rows.OrderBy(r => r.Timestamp));
            Assert.Equal(new HistoryAppendResult(46, 2, 0), file.Append(Day(Day1), Now));
        }

        var csv = Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut, HistoryFormat.Csv));
        Assert.Equal($"{PathOut} holds JSON Lines history; add --json to resume it, or choose another --out", csv.Message);
    }

    [Fact]
    public void A_file_from_before_the_consumption_columns_is_resumed_in_its_four_columns()
    {
        const string Old = "timestamp,kwh_normal,kwh_reverse,status\r\n2026-01-14T00:00:00+09:00,8650.0,0.0,ok\r\n";
        File.WriteAllText(PathOut, Old);

        using (var file = HistoryFile.Open(PathOut))
        {
            Assert.False(file.WritesDeltas);
            Assert.Equal(new HistoryAppendResult(1, 1, 0), file.Append(Day(Day1).Take(2), Now));
        }

        Assert.Equal(Old + "2026-01-14T00:30:00+09:00,8650.1,0.1,ok\r\n", File.ReadAllText(PathOut));
        Assert.Contains("holds CSV history; run without --json", Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut, HistoryFormat.Json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_or_broken_file_is_refused_and_left_untouched()
    {
        File.WriteAllText(PathOut, "date,value\r\n2026-01-01,5\r\n");
        var foreign = Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut));
        Assert.Contains("is not a broute history file", foreign.Message, StringComparison.Ordinal);
        Assert.Equal("date,value\r\n2026-01-01,5\r\n", File.ReadAllText(PathOut));

        var broken = "timestamp,kwh_normal,kwh_reverse,status\r\n2026-01-14T00:00:00+09:00,8650.0,,ok\r\nhello\r\n2026-01-14T01:00:00+09:00,8650.2,,ok\r\n";
        File.WriteAllText(PathOut, broken);
        var middle = Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut));
        Assert.Equal($"{PathOut} line 3: not 4 comma-separated fields; broute only appends to history files it can read — fix or move the file", middle.Message);

        Assert.Equal(broken, File.ReadAllText(PathOut));
        File.WriteAllText(PathOut, "{\"timestamp\":\"2026-01-14T00:00:00+09:00\",\"status\":\"ok\"}\n[1,2]\n{}\n");
        Assert.Contains("line 2: not a history object", Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut, HistoryFormat.Json)).Message, StringComparison.Ordinal);

        File.WriteAllBytes(PathOut, [0xFF, 0xFE, 0x00, (byte)'\n']);
        Assert.Contains("is not a text file", Assert.Throws<CliUsageException>(() => HistoryFile.Open(PathOut)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_place_is_a_clear_usage_error()
    {
        var ex = Assert.Throws<CliUsageException>(() => HistoryFile.Open(_dir.File("no/such/folder/h.csv")));
        Assert.StartsWith($"cannot open {_dir.File("no/such/folder/h.csv")} for history: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_carry_ok_partial_and_no_data()
    {
        var at = new DateTimeOffset(2026, 1, 14, 15, 0, 0, TimeSpan.Zero); // 00:00 JST on the 15th
        HistoryRow Of(SlotEnergy import, SlotEnergy export) => HistoryRow.FromHalfHour(new HalfHour("m", at, import, export, ValueSource.History));
        Assert.Equal(new HistoryRow(at, 1.0m, 0.2m, "ok"), Of(SlotEnergy.Of(1.0m), SlotEnergy.Of(0.2m)));
        Assert.Equal("partial", Of(SlotEnergy.Of(1.0m), SlotEnergy.NoData).Status);
        Assert.Equal("partial", Of(SlotEnergy.NoData, SlotEnergy.Of(0.2m)).Status);
        Assert.Equal("no_data", Of(SlotEnergy.NoData, SlotEnergy.NoData).Status);
        Assert.Equal("ok", Of(SlotEnergy.Of(1.0m), SlotEnergy.Absent).Status);
        Assert.Equal("ok", Of(SlotEnergy.Of(1.0m), SlotEnergy.NotSupported).Status);
        Assert.Equal("2026-01-15T00:00:00+09:00,1.0,,ok,,\r\n", Of(SlotEnergy.Of(1.0m), SlotEnergy.Absent).ToCsv());
        Assert.Equal(new DateOnly(2026, 1, 15), Of(SlotEnergy.Of(1.0m), SlotEnergy.Absent).Day);
    }

    [Fact]
    public void The_energy_of_a_half_hour_is_the_difference_to_the_slot_before_across_the_wrap()
    {
        // 6 digits of 0.1 kWh: the register wraps at 100,000 kWh.
        var builder = new HistoryRowBuilder(100_000m);
        builder.Remember(new HistoryRow(Slot(Day1, 0), 99_999.8m, 5.0m, "ok"));
        var rows = builder.Build([
            new HalfHour("m", Slot(Day1, 2), SlotEnergy.Of(0.3m), SlotEnergy.Of(5.0m), ValueSource.History),
            new HalfHour("m", Slot(Day1, 1), SlotEnergy.Of(99_999.9m), SlotEnergy.Of(5.0m), ValueSource.History),
            new HalfHour("m", Slot(Day1, 3), SlotEnergy.NoData, SlotEnergy.Of(5.2m), ValueSource.History),
            new HalfHour("m", Slot(Day1, 4), SlotEnergy.Of(0.9m), SlotEnergy.Of(5.2m), ValueSource.History)]);

        Assert.Equal([Slot(Day1, 1), Slot(Day1, 2), Slot(Day1, 3), Slot(Day1, 4)], rows.Select(r => r.Timestamp));
        Assert.Equal([0.1m, 0.4m, null, null], rows.Select(r => r.ImportDelta)); // 99,999.9 → 0.3 is 0.4 kWh; no data has none
        Assert.Equal([0.0m, 0.0m, 0.2m, 0.0m], rows.Select(r => r.ExportDelta));

        // Without D7 a register that went down has no delta: it is not guessed.
        var unknown = new HistoryRowBuilder(null);
        unknown.Remember(new HistoryRow(Slot(Day1, 0), 99_999.8m, null, "ok"));
        Assert.Null(unknown.Build([new HalfHour("m", Slot(Day1, 1), SlotEnergy.Of(0.3m), SlotEnergy.Absent, ValueSource.History)])[0].ImportDelta);
    }

    [Theory]
    [InlineData("2026-01-14T00:00:00+09:00,8650.0,0.0,ok", true)]
    [InlineData("2026-01-14T00:00:00+09:00,,,no_data", true)]
    [InlineData("2026-01-14T00:00:00Z,1,,ok", false)]
    [InlineData("2026-01-14 00:00:00+09:00,1,,ok", false)]
    [InlineData("2026-01-14T00:00:00+09:00,abc,,ok", false)]
    [InlineData("2026-01-14T00:00:00+09:00,-1,,ok", false)]
    [InlineData("2026-01-14T00:00:00+09:00,1,,fine", false)]
    [InlineData("2026-01-14T00:00:00+09:00,1,ok", false)]
    public void Legacy_row_parsing_accepts_only_what_the_writer_wrote(string line, bool ok) =>
        Assert.Equal(ok, HistoryRow.TryParseCsv(line, 4, out _, out _));

    [Theory]
    [InlineData("2026-01-14T00:00:00+09:00,8650.0,0.0,ok,0.6,0.0", true)]
    [InlineData("2026-01-14T00:00:00+09:00,,,no_data,,", true)]
    [InlineData("2026-01-14T00:00:00+09:00,8650.0,0.0,ok,x,", false)]
    [InlineData("2026-01-14T00:00:00+09:00,8650.0,0.0,ok", false)]
    public void Row_parsing_accepts_only_what_the_writer_writes(string line, bool ok) =>
        Assert.Equal(ok, HistoryRow.TryParseCsv(line, 6, out _, out _));

    [Fact]
    public void Appending_writes_whole_lines_only()
    {
        using var file = HistoryFile.Open(PathOut);
        file.Append(Day(Day1, reverse: false), Now);

        var bytes = File.ReadAllBytes(PathOut);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(49, Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
