using System.Text;
using BRoute.Cli.History;
using BRoute.Cli.Running;
using BRoute.Cli.Tests.Support;
using BRoute.EchonetLite.Meter;
using BRoute.History;

namespace BRoute.Cli.Tests.History;

public sealed class HistoryCsvFileTests : IDisposable
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly EnergyScale Scale = new(1m, 0x01);
    private static readonly DateOnly Day1 = new(2026, 1, 14);
    private static readonly DateTimeOffset Now = new(2026, 1, 16, 12, 0, 0, Jst);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOut => _dir.File("history.csv");

    /// <summary>A day of E2 (and E4) slots: normal raw = base + k, reverse raw = k, as the meter maps them.</summary>
    private static List<HistoryCsvRow> Day(DateOnly day, uint normalBase = 86_500, bool reverse = true)
    {
        var normal = HistorySlots.MapDay(day, Edt(k => normalBase + (uint)k));
        var back = HistorySlots.MapDay(day, Edt(k => (uint)k));
        return [.. normal.Select((n, k) => HistoryCsvRow.FromSlots(n, reverse ? back[k] : null, Scale))];
    }

    private static byte[] Edt(Func<int, uint> raw)
    {
        var edt = new byte[HistorySlots.DayHistoryLength];
        for (var k = 0; k < HistorySlots.SlotsPerDay; k++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(edt.AsSpan(2 + (4 * k)), raw(k));
        }

        return edt;
    }

    private string[] Lines() => File.ReadAllText(PathOut).Split("\r\n");

    [Fact]
    public void A_new_file_gets_the_header_and_rows_in_jst_with_the_meter_resolution()
    {
        using (var file = HistoryCsvFile.Open(PathOut))
        {
            Assert.Equal(0, file.RowCount);
            var result = file.Append(Day(Day1), Now);
            Assert.Equal(new HistoryAppendResult(48, 0, 0), result);
            Assert.Equal([Day1], file.CompleteDays);
        }

        var lines = Lines();
        Assert.Equal(50, lines.Length); // header + 48 + the empty string after the last CR LF
        Assert.Equal("timestamp,kwh_normal,kwh_reverse,status", lines[0]);
        Assert.Equal("2026-01-14T00:00:00+09:00,8650.0,0.0,ok", lines[1]);
        Assert.Equal("2026-01-14T00:30:00+09:00,8650.1,0.1,ok", lines[2]);
        Assert.Equal("2026-01-14T23:30:00+09:00,8654.7,4.7,ok", lines[48]);
        Assert.Equal(string.Empty, lines[49]);
    }

    [Fact]
    public void Reopening_resumes_knows_the_stored_days_and_never_duplicates()
    {
        using (var file = HistoryCsvFile.Open(PathOut))
        {
            file.Append(Day(Day1), Now);
        }

        using (var file = HistoryCsvFile.Open(PathOut))
        {
            Assert.Null(file.Repair);
            Assert.Equal(48, file.RowCount);
            Assert.Equal([Day1], file.CompleteDays);
            var again = file.Append([.. Day(Day1), .. Day(Day1.AddDays(1))], Now);
            Assert.Equal(new HistoryAppendResult(48, 48, 0), again);
            Assert.Equal([Day1, Day1.AddDays(1)], file.CompleteDays.Order());
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
        using (var file = HistoryCsvFile.Open(PathOut))
        {
            file.Append(Day(Day1), Now);
        }

        File.AppendAllText(PathOut, tail);

        using (var file = HistoryCsvFile.Open(PathOut))
        {
            Assert.StartsWith("removed an incomplete last line (", file.Repair, StringComparison.Ordinal);
            Assert.Equal(48, file.RowCount);
            Assert.Equal(new HistoryAppendResult(48, 0, 0), file.Append(Day(Day1.AddDays(1)), Now));
        }

        var rows = Lines().Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(96, rows.Count);
        Assert.Single(rows, r => r.StartsWith("2026-01-15T00:00:00+09:00,", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(HistoryCsvRow.TryParse(r, out _, out _), r));
    }

    [Fact]
    public void A_cut_header_is_rewritten()
    {
        File.WriteAllText(PathOut, "timestamp,kwh_no");

        using (var file = HistoryCsvFile.Open(PathOut))
        {
            Assert.NotNull(file.Repair);
            file.Append(Day(Day1), Now);
        }

        Assert.Equal("timestamp,kwh_normal,kwh_reverse,status", Lines()[0]);
    }

    [Fact]
    public void A_partly_stored_day_is_not_complete_and_gets_only_its_missing_slots()
    {
        using (var file = HistoryCsvFile.Open(PathOut))
        {
            file.Append(Day(Day1).Take(20), Now);
            Assert.Empty(file.CompleteDays);
        }

        using (var file = HistoryCsvFile.Open(PathOut))
        {
            Assert.Empty(file.CompleteDays);
            Assert.Equal(new HistoryAppendResult(28, 20, 0), file.Append(Day(Day1), Now));
            Assert.Equal([Day1], file.CompleteDays);
        }
    }

    [Fact]
    public void Recent_no_data_slots_and_future_slots_are_held_back_for_a_later_run()
    {
        var today = new DateOnly(2026, 1, 16);
        var now = new DateTimeOffset(2026, 1, 16, 1, 10, 0, Jst);
        // The meter has 00:00 and 00:30 today; 01:00 is not recorded yet; the rest is the future.
        var normal = HistorySlots.MapDay(today, Edt(k => k < 2 ? 86_600u + (uint)k : HistorySlots.NoData));
        var rows = normal.Select(n => HistoryCsvRow.FromSlots(n, null, Scale)).ToList();

        using var file = HistoryCsvFile.Open(PathOut);
        var result = file.Append(rows, now);

        Assert.Equal(new HistoryAppendResult(2, 0, 46), result);
        Assert.Empty(file.CompleteDays);
        Assert.False(file.Contains(new DateTimeOffset(2026, 1, 16, 1, 0, 0, Jst)));

        // Two hours later 01:00 is still missing: the meter lost it (an outage), so it is written as no_data.
        var later = file.Append(rows, now.AddHours(2));
        Assert.Equal(new HistoryAppendResult(3, 2, 43), later); // 01:00, 01:30, 02:00; 02:30 is younger than the grace
        Assert.Contains("2026-01-16T01:00:00+09:00,,,no_data", File.ReadAllText(PathOut), StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_or_broken_file_is_refused_and_left_untouched()
    {
        File.WriteAllText(PathOut, "date,value\r\n2026-01-01,5\r\n");
        var foreign = Assert.Throws<CliUsageException>(() => HistoryCsvFile.Open(PathOut));
        Assert.Contains("is not a broute history file", foreign.Message, StringComparison.Ordinal);
        Assert.Equal("date,value\r\n2026-01-01,5\r\n", File.ReadAllText(PathOut));

        var broken = "timestamp,kwh_normal,kwh_reverse,status\r\n2026-01-14T00:00:00+09:00,8650.0,,ok\r\nhello\r\n2026-01-14T01:00:00+09:00,8650.2,,ok\r\n";
        File.WriteAllText(PathOut, broken);
        var middle = Assert.Throws<CliUsageException>(() => HistoryCsvFile.Open(PathOut));
        Assert.Equal($"{PathOut} line 3: not 4 comma-separated fields; broute only appends to history files it can read — fix or move the file", middle.Message);
        Assert.Equal(broken, File.ReadAllText(PathOut));

        File.WriteAllBytes(PathOut, [0xFF, 0xFE, 0x00, (byte)'\n']);
        Assert.Contains("is not a text file", Assert.Throws<CliUsageException>(() => HistoryCsvFile.Open(PathOut)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_place_is_a_clear_usage_error()
    {
        var ex = Assert.Throws<CliUsageException>(() => HistoryCsvFile.Open(_dir.File("no/such/folder/h.csv")));
        Assert.StartsWith($"cannot open {_dir.File("no/such/folder/h.csv")} for history: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_carry_ok_partial_and_no_data_and_reject_an_unknown_unit()
    {
        var at = new DateTimeOffset(2026, 1, 14, 15, 0, 0, TimeSpan.Zero); // 00:00 JST on the 15th
        Assert.Equal(new HistoryCsvRow(at, 1.0m, 0.2m, "ok"), HistoryCsvRow.FromSlots(new(at, 10), new(at, 2), Scale));
        Assert.Equal("partial", HistoryCsvRow.FromSlots(new(at, 10), new(at, null), Scale).Status);
        Assert.Equal("partial", HistoryCsvRow.FromSlots(new(at, null), new(at, 2), Scale).Status);
        Assert.Equal("no_data", HistoryCsvRow.FromSlots(new(at, null), new(at, null), Scale).Status);
        Assert.Equal("ok", HistoryCsvRow.FromSlots(new(at, 10), null, Scale).Status);
        Assert.Equal("2026-01-15T00:00:00+09:00,1.0,,ok\r\n", HistoryCsvRow.FromSlots(new(at, 10), null, Scale).ToCsv());
        Assert.Equal(new DateOnly(2026, 1, 15), HistoryCsvRow.FromSlots(new(at, 10), null, Scale).Day);

        Assert.Throws<ArgumentException>(() => HistoryCsvRow.FromSlots(new(at, 10), null, EnergyScale.Unknown));
        Assert.Throws<ArgumentException>(() => HistoryCsvRow.FromSlots(new(at, 10), new(at.AddMinutes(30), 1), Scale));
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
    public void Row_parsing_accepts_only_what_the_writer_writes(string line, bool ok) =>
        Assert.Equal(ok, HistoryCsvRow.TryParse(line, out _, out _));

    [Fact]
    public void Appending_writes_whole_lines_only()
    {
        using var file = HistoryCsvFile.Open(PathOut);
        file.Append(Day(Day1, reverse: false), Now);

        var bytes = File.ReadAllBytes(PathOut);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(49, Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
