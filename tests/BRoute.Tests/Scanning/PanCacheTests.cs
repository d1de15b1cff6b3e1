using System.Text;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

public sealed class PanCacheTests : PanCacheTestBase
{
    [Fact]
    public async Task Saved_entry_loads_back_as_a_hit()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
        Assert.Null(lookup.Reason);
    }

    [Fact]
    public async Task File_name_comes_from_the_hash_and_never_holds_the_id_or_password()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        var files = Directory.GetFiles(Dir.Path);
        var file = Assert.Single(files);
        Assert.Equal($"pan-{Credentials.IdHash}.json", Path.GetFileName(file));
        var text = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain(TestCredentials.Id, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestCredentials.Password, text, StringComparison.Ordinal);
        Assert.Contains("\"panId\": \"24EF\"", text, StringComparison.Ordinal);
        Assert.Contains("\"mac\": \"00808700301224EF\"", text, StringComparison.Ordinal);
        Assert.Contains("\"channel\": 33", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_a_miss()
    {
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Missing, lookup.Status);
        Assert.Null(lookup.Entry);
    }

    [Fact]
    public async Task Entry_written_for_another_pair_id_is_ignored()
    {
        // Same file name (same ID hash) but a pairing ID from an older, different ID.
        await WriteRawAsync("""{"version":1,"channel":33,"panId":"24EF","mac":"00808700301224EF","pairId":"11111111","foundAt":"2026-03-14T08:30:00+09:00","dongleFamily":"Bp35A1"}""");
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.PairIdMismatch, lookup.Status);
        Assert.Null(lookup.Entry);
        Assert.Contains("different pairing ID", lookup.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("11111111", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hand_edited_file_with_a_byte_order_mark_still_loads()
    {
        // WriteRawAsync writes UTF-8 with a BOM, as some editors do.
        await WriteRawAsync("""{"version":1,"channel":33,"panId":"24ef","mac":"00808700301224EF","pairId":"CCDDEEFF","foundAt":"2026-03-14T08:30:00+09:00","dongleFamily":"Bp35A1"}""");
        Assert.Equal([0xEF, 0xBB, 0xBF], (await File.ReadAllBytesAsync(Cache.PathFor(Credentials)))[..3]);
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
    }

    [Fact]
    public async Task Saving_an_entry_with_a_foreign_pair_id_is_refused()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Cache.SaveAsync(Credentials, Entry("11111111"), CancellationToken.None));
        Assert.Contains("pairing ID", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir.Path) && Directory.GetFiles(Dir.Path).Length > 0);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24E", "not valid JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("[1,2]", "not valid JSON")]
    [InlineData("{\"version\":2}", "version 2")]
    [InlineData("{\"version\":1}", "channel is missing")]
    [InlineData("{\"version\":1,\"channel\":32,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEEFF\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"}", "channel 32 is outside 33–60")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EFF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEEFF\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"}", "panId")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"0080870030122XEF\",\"pairId\":\"CCDDEEFF\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"}", "mac")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEE\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"}", "pairId")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEEFF\",\"dongleFamily\":\"Bp35A1\"}", "foundAt is missing")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEEFF\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Toaster\"}", "dongleFamily")]
    [InlineData("{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"CCDDEEFF\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"7\"}", "dongleFamily")]
    [InlineData("{\"version\":1,\"channel\":\"x\"}", "not valid JSON")]
    public async Task Corrupt_or_partial_file_is_ignored_with_a_reason(string content, string reasonPart)
    {
        await WriteRawAsync(content);
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Corrupt, lookup.Status);
        Assert.Null(lookup.Entry);
        Assert.Contains(reasonPart, lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_garbage_is_ignored_with_a_reason()
    {
        Directory.CreateDirectory(Dir.Path);
        await File.WriteAllBytesAsync(Cache.PathFor(Credentials), [0xFF, 0xFE, 0x00, 0x7B, 0x80, 0x81]);
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Corrupt, lookup.Status);
    }

    [Fact]
    public async Task Oversized_file_is_not_read()
    {
        await WriteRawAsync(new string(' ', PanCache.MaxFileBytes + 1));
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Corrupt, lookup.Status);
        Assert.Contains("larger than any PAN cache file", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_in_place_of_the_file_is_reported_not_thrown()
    {
        Directory.CreateDirectory(Cache.PathFor(Credentials));
        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);
        Assert.Equal(PanCacheStatus.Missing, lookup.Status);
    }

    [Fact]
    public async Task Save_replaces_the_old_entry_and_leaves_no_temporary_file()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        var newer = Entry() with { Pan = new MeterPan(0x3C, 0x1234, 1, TestCredentials.PairId), DongleFamily = DongleFamily.Bp35C2 };
        await Cache.SaveAsync(Credentials, newer, CancellationToken.None);
        Assert.Single(Directory.GetFiles(Dir.Path));
        Assert.Equal(newer, (await Cache.LoadAsync(Credentials, CancellationToken.None)).Entry);
    }

    [Fact]
    public async Task Save_over_corrupt_file_recovers()
    {
        await WriteRawAsync("{ broken");
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        Assert.Equal(PanCacheStatus.Hit, (await Cache.LoadAsync(Credentials, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Invalidate_removes_the_entry()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        Assert.True(Cache.Invalidate(Credentials));
        Assert.Equal(PanCacheStatus.Missing, (await Cache.LoadAsync(Credentials, CancellationToken.None)).Status);
        Assert.False(Cache.Invalidate(Credentials));
    }

    [Fact]
    public async Task Each_id_has_its_own_file()
    {
        var other = Credentials.Create("FFEEDDCCBBAA99887766554433221100", TestCredentials.Password);
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        Assert.Equal(PanCacheStatus.Missing, (await Cache.LoadAsync(other, CancellationToken.None)).Status);
        Assert.NotEqual(Cache.PathFor(Credentials), Cache.PathFor(other));
    }

    [Fact]
    public async Task Files_are_private_to_the_user_on_unix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Cache.PathFor(Credentials)));
    }

    [Fact]
    public async Task Cancelled_load_throws_cancellation()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache.LoadAsync(Credentials, cts.Token));
    }

    [Theory]
    [InlineData("/var/state", "/home/u", "/var/state/broute")]
    [InlineData("relative/state", "/home/u", "/home/u/.local/state/broute")]
    [InlineData("", "/home/u", "/home/u/.local/state/broute")]
    [InlineData(null, "/home/u", "/home/u/.local/state/broute")]
    public void Directory_follows_the_xdg_state_rule(string? xdgState, string home, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dir = PanCache.ResolveDirectory(name => name == "XDG_STATE_HOME" ? xdgState : null, home);
        Assert.Equal(expected, dir);
    }

    private async Task WriteRawAsync(string content)
    {
        Directory.CreateDirectory(Dir.Path);
        await File.WriteAllTextAsync(Cache.PathFor(Credentials), content, Encoding.UTF8);
    }

    [Fact]
    public async Task An_entry_without_optional_values_writes_none_of_the_optional_fields()
    {
        await Cache.SaveAsync(Credentials, Entry(), CancellationToken.None);
        var text = await File.ReadAllTextAsync(Cache.PathFor(Credentials));
        Assert.DoesNotContain("reply", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lastTerminatedAt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("scanLqi", text, StringComparison.Ordinal);

        var loaded = (await Cache.LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Null(loaded.ReplyTimes);
        Assert.Null(loaded.LastTerminatedAt);
        Assert.Null(loaded.ScanLqi);
    }

    [Fact]
    public async Task A_file_written_before_the_optional_fields_still_loads()
    {
        var lookup = await LoadTextAsync(FileText(""));
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
        Assert.Null(lookup.Entry!.ReplyTimes);
        Assert.Null(lookup.Entry.LastTerminatedAt);
        Assert.Null(lookup.Entry.ScanLqi);
    }
}
