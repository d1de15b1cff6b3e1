using Microsoft.Extensions.Time.Testing;

namespace BRoute.Storage.Tests.Support;

/// <summary>A store in a temp directory on a fake clock.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public StoreFixture(StoreOptions? options = null)
    {
        Path = _dir.File("broute.db");
        Store = MeterStore.Open((options ?? new StoreOptions { Path = Path }) with { Path = Path }, Time, Logger);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero));

    public ListLogger Logger { get; } = new();

    public MeterStore Store { get; }

    public string Path { get; }

    public string Directory => _dir.Path;

    public void Dispose()
    {
        Store.Dispose();
        _dir.Dispose();
    }
}
