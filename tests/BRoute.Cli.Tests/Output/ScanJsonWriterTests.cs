using System.Text.Json;
using BRoute.Cli.Output;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Output;

/// <summary>The <c>scan --json</c> line: every key present, nulls where unknown, another meter not ours, no pairing ID.</summary>
public sealed class ScanJsonWriterTests
{
    private static readonly MeterPan Ours = new(33, 0x8888, 0x001C640000A1B2C3, "A2B3C4D5");
    private static readonly MeterPan Neighbour = new(59, 0x1A2B, 0x0011223344556677, "0F0E0D0C");

    [Fact]
    public void A_cache_entry_without_an_lqi_writes_nulls_not_guesses()
    {
        var line = ScanJsonWriter.Write(new ScanOutcome
        {
            Source = "cache",
            Family = DongleFamily.Bp35A1,
            Meter = Ours,
            FoundAt = new DateTimeOffset(2026, 1, 15, 1, 10, 0, TimeSpan.Zero),
            PanCacheFile = "/state/pan-x.json",
        });

        Assert.Equal(
            """{"source":"cache","dongle":{"family":"bp35a1","identified":null,"candidates":null,"tentative":null,"firmware":null,"app_version":null},"scans_run":0,"other_meters":0,"pans":[],"meter":{"channel":33,"pan_id":"8888","mac":"001C640000A1B2C3","lqi":null,"rssi_dbm":null,"found_at":"2026-01-15T10:10:00+09:00"},"pan_cache_file":"/state/pan-x.json","saved":false,"error":null}""",
            line);
    }

    [Fact]
    public void Another_meter_is_listed_but_not_ours_and_pairing_ids_are_never_written()
    {
        var line = ScanJsonWriter.Write(new ScanOutcome
        {
            Source = "scan",
            ScansRun = 3,
            OtherMeters = 1,
            Pans = [new ScanCandidate(Neighbour, 0x40)],
            PanCacheFile = "/state/pan-x.json",
            Error = "no PAN with our pairing ID answered",
        });

        using var json = JsonDocument.Parse(line);
        var pan = Assert.Single(json.RootElement.GetProperty("pans").EnumerateArray());
        Assert.False(pan.GetProperty("ours").GetBoolean());
        Assert.Equal(64, pan.GetProperty("lqi").GetInt32());
        Assert.Equal(-86.67, pan.GetProperty("rssi_dbm").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("meter").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("dongle").GetProperty("family").ValueKind);
        Assert.Equal("no PAN with our pairing ID answered", json.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("0F0E0D0C", line, StringComparison.Ordinal);
        Assert.DoesNotContain("A2B3C4D5", line, StringComparison.Ordinal);
    }
}
