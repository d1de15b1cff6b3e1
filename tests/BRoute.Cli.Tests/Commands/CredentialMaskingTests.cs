using System.IO.Compression;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// The pairing ID (the B-route ID's last 8 characters, printed by the dongle in every EPANDESC) is masked like the ID
/// and the password, in the doctor bundle and in verbose output; the bundle is private to its owner (0600/0700).
/// </summary>
[Collection(SimulatorCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialMaskingTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_rescan_verbose_shows_the_epandesc_with_the_pairing_id_masked()
    {
        await using var sim = new TcpSimulator(_time);
        var args = SessionCli.DeviceArgs(sim, _dir.Path);
        Assert.Equal(ExitCodes.Success, (await SessionCli.RunAsync(_time, ["scan", .. args])).ExitCode);

        var run = await SessionCli.RunAsync(_time, ["scan", "--rescan", "--verbose", .. args]); // Checked: no ID, password or PairID, hex too

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("PairID:********", run.Error, StringComparison.Ordinal); // the EPANDESC was logged, masked
        Assert.Contains("SKSETRBID ********************************", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted.PairId, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_doctor_zip_is_private_and_holds_no_credential_nor_pairing_id()
    {
        await using var sim = new TcpSimulator(_time);
        var bundles = Path.Combine(_dir.Path, "bundles");

        var run = await SessionCli.RunAsync(_time, ["doctor", "--out", bundles, .. SessionCli.DeviceArgs(sim, Path.Combine(_dir.Path, "state"))]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        var zip = Assert.Single(Directory.GetFiles(bundles));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(zip));
        using var archive = ZipFile.OpenRead(zip);
        var log = string.Empty;
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var text = reader.ReadToEnd();
            Planted.AssertAbsent(text);
            log = entry.FullName == "log.txt" ? text : log;
        }

        Assert.Contains("PairID:********", log, StringComparison.Ordinal); // the scan's EPANDESC is in the log, masked
    }

    [Fact]
    public async Task The_doctor_folder_and_its_files_are_private_and_hold_no_credential_nor_pairing_id()
    {
        await using var sim = new TcpSimulator(_time);
        var bundles = Path.Combine(_dir.Path, "bundles");

        var run = await SessionCli.RunAsync(_time, ["doctor", "--folder", "--out", bundles, .. SessionCli.DeviceArgs(sim, Path.Combine(_dir.Path, "state"))]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        var folder = Assert.Single(Directory.GetDirectories(bundles));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var files = Directory.GetFiles(folder);
        Assert.Equal(4, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
            Planted.AssertAbsent(File.ReadAllText(file));
        }

        Assert.Contains("PairID:********", File.ReadAllText(Path.Combine(folder, "log.txt")), StringComparison.Ordinal);
    }
}
