using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Tests.Monitoring.Support;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Monitoring;

public sealed class MeterMonitorTests
{
    [Fact]
    public async Task Connects_reads_the_schedule_and_says_who_the_meter_is()
    {
        await using var h = new MonitorHarness(SessionHarness.Simulator());
        h.Start();

        await h.UntilAsync(x => x.Measurements.Count(m => m.Quantity == Quantity.Power) >= 7, TimeSpan.FromMinutes(5), "seven power readings");
        await h.StopAsync();

        var power = h.Measurements.Where(m => m.Quantity == Quantity.Power).ToList();
        Assert.All(power, m => Assert.Equal(628m, m.Value));
        Assert.All(power, m => Assert.Equal(ValueSource.Get, m.Source));
        var gaps = power.Zip(power.Skip(1), (a, b) => b.ReadAt - a.ReadAt).ToList();
        Assert.All(gaps, g => Assert.InRange(g.TotalSeconds, 8, 12)); // every 10 s (a reply completes within the harness step)
        Assert.Contains(h.Measurements, m => m.Quantity is Quantity.ImportEnergy or Quantity.OneMinuteImportEnergy && m.HasValue);
        Assert.Equal(
            [MonitorStateKind.Connecting, MonitorStateKind.Connected, MonitorStateKind.Stopped],
            h.States.Select(s => s.Kind));
        var connected = h.States[1];
        Assert.Equal("001C640000A1B2C3", connected.MeterId);
        Assert.Equal("bp35a1", connected.DongleFamily);
        Assert.NotNull(connected.Pan);
        var meter = Assert.Single(h.Events.OfType<MeterIdentifiedEvent>()).Meter;
        Assert.Equal("001C640000A1B2C3", meter.Id);
        Assert.NotNull(meter.MakerCode);
        Assert.Contains(h.Events, e => e is CountersEvent);
    }
}
