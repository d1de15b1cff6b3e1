using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Schema;

/// <summary>Turns SQLite's result codes into a <see cref="StoreException"/> whose message says what to do.</summary>
internal static class StoreErrors
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADb = 26;

    public static StoreException From(SqliteException e, string path) => (e.SqliteErrorCode & 0xFF) switch
    {
        Full => new StoreException(
            StoreFailure.DiskFull,
            $"the store {path} cannot grow: the disk is full; free space on its file system (df -h \"{Path.GetDirectoryName(path)}\"); readings are kept in memory meanwhile and written when there is room",
            e),
        ReadOnly => ReadOnlyFile(path, e),
        Busy or Locked => new StoreException(
            StoreFailure.Busy,
            $"the store {path} is locked by another process; stop the other writer (only one 'broute run' may use a store) or give each its own file",
            e),
        IoErr => new StoreException(
            StoreFailure.IoError,
            $"the store {path} gave an I/O error ({e.Message}); check the disk (dmesg, the SD card) and the file system; writes are retried",
            e),
        Corrupt or NotADb => CorruptFile(path, e.Message, e),
        CantOpen => CannotOpen(path, e.Message, e),
        _ => new StoreException(StoreFailure.Other, $"the store {path} failed: {e.Message}", e),
    };

    public static StoreException ReadOnlyFile(string path, Exception? inner = null)
    {
        var message = $"the store {path} is read-only: give the user running broute write access to the file and its directory (or remount the file system read-write), or choose another path";
        return inner is null ? new StoreException(StoreFailure.ReadOnly, message) : new StoreException(StoreFailure.ReadOnly, message, inner);
    }

    public static StoreException CorruptFile(string path, string why, Exception? inner = null)
    {
        var message = $"the store {path} is damaged ({why}); it was left untouched: move it aside (e.g. to {Path.GetFileName(path)}.damaged) to start a new store, or restore it from a backup (the meter still holds its last 100 days of half-hours, which the daemon refetches)";
        return inner is null ? new StoreException(StoreFailure.Corrupt, message) : new StoreException(StoreFailure.Corrupt, message, inner);
    }

    public static StoreException CannotOpen(string path, string why, Exception? inner = null)
    {
        var message = $"cannot open the store {path} ({why}); check that its directory exists and is writable by the user running broute, or choose another path";
        return inner is null ? new StoreException(StoreFailure.CannotOpen, message) : new StoreException(StoreFailure.CannotOpen, message, inner);
    }
}
