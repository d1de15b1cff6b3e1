using System.Text;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>What every PAN cache test needs: a temporary cache folder, the test credentials, an entry, a file's text.</summary>
public abstract class PanCacheTestBase : IDisposable
{
    protected static readonly DateTimeOffset FoundAt = new(2026, 3, 14, 8, 30, 0, TimeSpan.FromHours(9));

    private protected TempDirectory Dir { get; } = new();

    private protected Credentials Credentials { get; } = TestCredentials.Create();

    private protected PanCache Cache => new(Dir.Path);

    private protected static PanCacheEntry Entry(string pairId = TestCredentials.PairId) =>
        new(new MeterPan(0x21, 0x24EF, 0x00808700301224EFUL, pairId), FoundAt, DongleFamily.Bp35A1);

    /// <summary>The text of a valid version-1 file for <see cref="Entry"/>, with <paramref name="extra"/> (",\"key\":value…") before the closing brace.</summary>
    protected static string FileText(string extra) =>
        "{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"" + TestCredentials.PairId
        + "\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"" + extra + "}";

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="text"/> as the credentials' cache file and loads it.</summary>
    private protected async Task<PanCacheLookup> LoadTextAsync(string text)
    {
        Directory.CreateDirectory(Dir.Path);
        await File.WriteAllTextAsync(Cache.PathFor(Credentials), text, new UTF8Encoding(false));
        return await Cache.LoadAsync(Credentials, CancellationToken.None);
    }
}
