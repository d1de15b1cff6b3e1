using System.IO.Compression;
using System.Text.Json;
using BRoute.Cli.Logging;
using BRoute.Cli.Support;
using CsCheck;

namespace BRoute.Cli.Tests.Support;

public sealed class SupportBundleWriterTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 15, 8, 30, 0, TimeSpan.FromHours(9));
    private static readonly SecretRedactor Redactor = SecretRedactor.For([Planted.Id, Planted.Password]);
    private const string UnconfiguredPassword = "UNKNOWNPASSW";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A report with the credentials planted in values, a key, and log lines of every kind.</summary>
    private static SupportReport Planted_report() =>
        new SupportReport(At)
            .Add(SupportSections.Dongle, "family", "Bp35A1")
            .Add(SupportSections.Dongle, "firmware", "EVER 1.2.10")
            .Add(SupportSections.Dongle, "erxudp_mode", "binary (ROPT 00)")
            .Add(SupportSections.Meter, "standard_version", "release R rev 2")
            .Add(SupportSections.Meter, "manufacturer", "000016")
            .Add(SupportSections.Meter, "get_map", "0x80 0x81 0x82 0xD3 0xE7")
            .Add(SupportSections.Link, "lqi", "0x9C")
            .Add(SupportSections.Link, "rssi", "-63 dBm")
            .Add(SupportSections.Pan, "channel", "33")
            .Add(SupportSections.Pan, "channel", "59")
            .Add(SupportSections.Settings, "credentials", $"id {Planted.Id} password {Planted.Password}")
            .Add(SupportSections.Problems, $"join with {Planted.Password}", null)
            .AddLogLines(
            [
                $">> SKSETPWD C {Planted.Password}",
                $"<< SKSETRBID {Planted.Id.ToLowerInvariant()}",
                $">> SKSETPWD C {UnconfiguredPassword}",
                $"session for \"{Planted.Password}\" ok",
                "<< EVENT 25 FE80:0000:0000:0000:021C:6400:00A1:B2C3",
            ]);

    private static void AssertClean(string text)
    {
        Planted.AssertAbsent(text);
        Assert.DoesNotContain(UnconfiguredPassword, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zip_holds_every_finding_and_log_line_with_credentials_masked_everywhere()
    {
        var path = await SupportBundleWriter.WriteZipAsync(Planted_report(), _dir.Path, Redactor, CancellationToken.None);

        Assert.Equal(_dir.File("broute-support-20260115-083000.zip"), path);
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path)); // no temporary file left
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["README.txt", "findings.txt", "findings.json", "log.txt"], zip.Entries.Select(e => e.FullName));
        var texts = zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
        foreach (var text in texts.Values)
        {
            AssertClean(text);
        }

        Assert.Contains("[dongle]\n  family       Bp35A1\n  firmware     EVER 1.2.10\n", texts["findings.txt"], StringComparison.Ordinal);
        Assert.Contains("[settings]\n  credentials  id ******************************** password ************\n", texts["findings.txt"], StringComparison.Ordinal);
        Assert.Contains("[problems]\n  join with ************  (unknown)\n", texts["findings.txt"], StringComparison.Ordinal);
        Assert.Equal(
            [
                ">> SKSETPWD C ************",
                "<< SKSETRBID ********************************",
                ">> SKSETPWD C ************",
                "session for \"************\" ok",
                "<< EVENT 25 FE80:0000:0000:0000:021C:6400:00A1:B2C3",
            ],
            texts["log.txt"].Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("masked with asterisks everywhere", texts["README.txt"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(texts["findings.json"]);
        var sections = json.RootElement.GetProperty("sections");
        Assert.Equal("EVER 1.2.10", sections.GetProperty("dongle").GetProperty("firmware").GetString());
        Assert.Equal(["33", "59"], sections.GetProperty("pan").GetProperty("channel").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2026-01-15T08:30:00+09:00", json.RootElement.GetProperty("created_at").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("log_lines").GetInt32());
        Assert.Equal(At.DateTime, zip.Entries[0].LastWriteTime.DateTime); // zip keeps wall-clock time without a zone
    }

    [Fact]
    public async Task The_folder_form_holds_the_same_files_and_a_second_bundle_gets_its_own_name()
    {
        var first = await SupportBundleWriter.WriteDirectoryAsync(Planted_report(), _dir.Path, Redactor, CancellationToken.None);
        var second = await SupportBundleWriter.WriteDirectoryAsync(Planted_report(), _dir.Path, Redactor, CancellationToken.None);
        var zip1 = await SupportBundleWriter.WriteZipAsync(Planted_report(), _dir.Path, Redactor, CancellationToken.None);
        var zip2 = await SupportBundleWriter.WriteZipAsync(Planted_report(), _dir.Path, Redactor, CancellationToken.None);

        Assert.Equal(_dir.File("broute-support-20260115-083000"), first);
        Assert.Equal(_dir.File("broute-support-20260115-083000-2"), second);
        Assert.Equal(_dir.File("broute-support-20260115-083000.zip"), zip1);
        Assert.Equal(_dir.File("broute-support-20260115-083000-2.zip"), zip2);
        Assert.Equal(["README.txt", "findings.json", "findings.txt", "log.txt"], Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(first))
        {
            AssertClean(await File.ReadAllTextAsync(file));
        }
    }

    [Fact]
    public void Only_the_newest_log_lines_are_kept_and_the_drop_is_noted()
    {
        var report = new SupportReport(At).AddLogLines(Enumerable.Range(0, SupportReport.MaxLogLines + 3).Select(i => $"line {i}"));

        var log = SupportBundleWriter.Render(report, Redactor).Single(f => f.Name == "log.txt").Text.Split('\n');

        Assert.Equal(3, report.DroppedLogLines);
        Assert.Equal("(3 older line(s) not kept)", log[0]);
        Assert.Equal("line 3", log[1]);
        Assert.Equal($"line {SupportReport.MaxLogLines + 2}", log[^2]);
    }

    [Fact]
    public void Every_rendered_file_is_clean_whatever_text_surrounds_the_secrets()
    {
        Gen.String[Gen.Char.AlphaNumeric, 0, 10].Array[3].Sample(parts =>
        {
            var report = new SupportReport(At)
                .Add(parts[0] + Planted.Password, parts[1] + Planted.Id, parts[2] + Planted.Password + Planted.Id)
                .AddLogLines([parts[0] + Planted.Id + parts[1] + Planted.Password + parts[2]]);
            foreach (var (_, text) in SupportBundleWriter.Render(report, Redactor))
            {
                Planted.AssertAbsent(text);
            }
        });
    }
}
