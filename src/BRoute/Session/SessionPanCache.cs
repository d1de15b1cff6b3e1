using BRoute.Authentication;
using BRoute.Scanning;
using Microsoft.Extensions.Logging;

namespace BRoute.Session;

/// <summary>
/// The <see cref="PanCache"/> as one session uses it: the entry it loaded or last wrote, and every write of it. A
/// failed write or removal is logged and leaves the remembered entry as it was; it never fails the session.
/// </summary>
internal sealed class SessionPanCache(PanCache store, Credentials credentials, ILogger logger)
{
    private PanCacheEntry? _entry;

    /// <summary>The entry loaded or written by this session, or null (none yet, or invalidated).</summary>
    public PanCacheEntry? Entry => Volatile.Read(ref _entry);

    /// <summary>Looks the credentials' entry up; a hit becomes <see cref="Entry"/>.</summary>
    public async Task<PanCacheLookup> LoadAsync(CancellationToken cancellationToken)
    {
        var lookup = await store.LoadAsync(credentials, cancellationToken).ConfigureAwait(false);
        if (lookup is { Status: PanCacheStatus.Hit, Entry: { } entry })
        {
            Volatile.Write(ref _entry, entry);
        }

        return lookup;
    }

    /// <summary>Writes <paramref name="entry"/> (atomic write); true when it was written and is now <see cref="Entry"/>.</summary>
    public async Task<bool> SaveAsync(PanCacheEntry entry, string what, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(credentials, entry, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _entry, entry);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SessionLog.ActionFailed(logger, what, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Writes <see cref="Entry"/> changed by <paramref name="change"/> when it is the entry of <paramref name="pan"/>; does
    /// nothing when there is none or it is another PAN's. True when the file was written.
    /// </summary>
    public Task<bool> UpdateAsync(MeterPan pan, Func<PanCacheEntry, PanCacheEntry> change, string what, CancellationToken cancellationToken) =>
        Entry is { } entry && entry.Pan == pan ? SaveAsync(change(entry), what, cancellationToken) : Task.FromResult(false);

    /// <summary>Forgets the entry, here and on disk (a join with it failed).</summary>
    public void Invalidate()
    {
        Volatile.Write(ref _entry, null);
        try
        {
            store.Invalidate(credentials);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SessionLog.ActionFailed(logger, "invalidating the PAN cache", ex.Message);
        }
    }
}
