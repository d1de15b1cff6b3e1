using System.Diagnostics;
using BRoute.Monitoring;
using BRoute.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Tests;

/// <summary>A writer process killed with SIGKILL at arbitrary moments leaves a store that opens clean and holds every slot it reported committed.</summary>
public sealed class KillTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Kill_9_mid_stream_leaves_an_intact_store_with_every_committed_slot()
    {
        var path = _dir.File("broute.db");
        var lastCommitted = 0;
        foreach (var killAfter in new[] { 37, 81, 53 })
        {
            lastCommitted = Math.Max(lastCommitted, await RunAndKillAsync(path, killAfter));
            Assert.Equal("ok", IntegrityCheck(path));
        }

        using var store = MeterStore.Open(new StoreOptions { Path = path });
        var rows = await store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(lastCommitted), CancellationToken.None);
        Assert.Equal(lastCommitted, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Samples.Slot(i + 1), rows[i].SlotEnd);
            Assert.Equal(SlotEnergy.Of(ChildWriter.Import(i + 1)), rows[i].Import);
            Assert.Equal(SlotEnergy.Of(ChildWriter.Export(i + 1)), rows[i].Export);
        }

        Assert.True(lastCommitted >= 37 + 81 + 53, $"the children reported {lastCommitted} slots");
    }

    private static async Task<int> RunAndKillAsync(string path, int killAfter)
    {
        var dll = typeof(KillTests).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet, ["exec", dll, "write-forever", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var last = 0;
        var lines = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (lines < killAfter)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token).AsTask().WaitAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"the child ended early: {await stderr}");
                    return last;
                }

                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    last = int.Parse(line.AsSpan("committed ".Length), System.Globalization.CultureInfo.InvariantCulture);
                    lines++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            Assert.Fail($"the child stopped reporting after {lines} slots (last {last}): {await stderr}");
        }
        finally
        {
            child.Kill(); // SIGKILL: no cleanup runs in the child
            await child.WaitForExitAsync(CancellationToken.None);
        }

        return last;
    }

    private static string? IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return (string?)OpenTests.Scalar(connection, "PRAGMA integrity_check");
    }
}
