using System.Text;
using BRoute.Monitoring;
using BRoute.Scanning;
using BRoute.Storage.Tests.Support;
using BRoute.Storage.Writing;

namespace BRoute.Storage.Tests;

/// <summary>The store never holds the B-route ID, its tail (the PAN's pairing ID) or the password.</summary>
public sealed class CredentialTests : IDisposable
{
    // Test credentials, not real ones.
    private const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";
    private const string Password = "Xq7Pw2Lm9Rt4";
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task No_credential_reaches_the_database_files()
    {
        var pairId = Id[^8..]; // what EPANDESC announces and MeterPan carries
        var pan = new MeterPan(33, 0x8888, 0x001C640000A1B2C3, pairId);
        var t = Samples.Slot(1);
        var writer = new StoreWriter(_f.Store);
        writer.Post(new StateChangedEvent(t, new MonitorState(Samples.MeterId, MonitorStateKind.Connected, t, Pan: pan, DongleFamily: "bp35a1", Reason: "joined")));
        writer.Post(new StateChangedEvent(t, new MonitorState(Samples.MeterId, MonitorStateKind.AuthenticationRefused, t, Until: t.AddHours(1), Pan: pan, Reason: "EVENT 24: check the B-route ID and password")));
        writer.Post(new MeterIdentifiedEvent(t, Samples.Meter()));
        writer.Post(new HalfHourEvent(t, Samples.HalfHour(1, 10m)));
        writer.Post(Samples.Sample(t, 100, 1m, 1m));
        writer.Complete();
        await writer.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var events = await _f.Store.Events.RangeAsync(null, t, t, CancellationToken.None);
        Assert.Equal(3, events.Count); // what was written is there (so the scan below looks at real content)
        var files = Directory.GetFiles(_f.Directory).Where(p => p.StartsWith(_f.Path, StringComparison.Ordinal)).ToList();
        Assert.Contains(files, p => p.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in new[] { Id, Password, pairId })
            {
                foreach (var encoding in new Encoding[] { Encoding.ASCII, Encoding.Unicode })
                {
                    Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a credential ({encoding.WebName})");
                }
            }
        }

        Assert.Contains("0x8888", events[0].Detail, StringComparison.Ordinal); // the PAN is stored, without its pairing ID
    }
}
