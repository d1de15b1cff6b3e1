using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BRoute.Storage.Schema;

/// <summary>
/// Opens the store file safely: a file that is not a SQLite database, fails its integrity check, belongs to another
/// program or to a newer BRoute is refused before anything is written to it; then WAL, and the pending migrations.
/// </summary>
internal static class StoreOpener
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public static SqliteConnection Open(string path, StoreOptions options, ILogger logger)
    {
        EnsureDirectory(path);
        CheckHeader(path);
        var connection = new SqliteConnection(ConnectionString(path, pooling: false));
        try
        {
            connection.Open();
            if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                throw StoreErrors.ReadOnlyFile(path);
            }

            CheckContents(connection, path, options.CheckIntegrityOnOpen);
            Execute(connection, "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
            var mode = Convert.ToString(ScalarOf(connection, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw StoreErrors.CannotOpen(path, $"the file system does not support SQLite's write-ahead log (journal mode stayed '{mode}'); put the store on a local disk");
            }

            // WAL + NORMAL: a crash or kill -9 loses no committed transaction; a power cut may lose the last ones but never corrupts.
            Execute(connection, "PRAGMA synchronous = NORMAL;");
            var from = Migrator.UserVersion(connection);
            var applied = Migrator.MigrateTo(connection, Migrator.Latest);
            if (applied > 0)
            {
                logger.LogInformation("store {Path}: schema version {From} → {To}", path, from, Migrator.Latest);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreErrors.From(e, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string ConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
        DefaultTimeout = 30,
    }.ToString();

    private static void EnsureDirectory(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.CannotOpen(path, $"its directory cannot be created: {e.Message}", e);
        }
    }

    private static void CheckHeader(string path)
    {
        if (Directory.Exists(path))
        {
            throw StoreErrors.CannotOpen(path, "it is a directory; give the path of a file inside it");
        }

        if (!File.Exists(path))
        {
            return;
        }

        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (file.Length == 0)
            {
                return; // SQLite treats an empty file as a new database
            }

            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.CannotOpen(path, e.Message, e);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw StoreErrors.CorruptFile(path, "it is not a SQLite database: its first bytes are not the SQLite header");
        }
    }

    private static void CheckContents(SqliteConnection connection, string path, bool integrity)
    {
        var version = Migrator.UserVersion(connection);
        var appId = Migrator.AppId(connection);
        var objects = Convert.ToInt64(ScalarOf(connection, "SELECT count(*) FROM sqlite_schema"), CultureInfo.InvariantCulture);
        if (appId != Migrator.ApplicationId && !(appId == 0 && version == 0 && objects == 0))
        {
            throw new StoreException(
                StoreFailure.NotABRouteStore,
                $"the file {path} is a SQLite database of another program (application id {appId}, {objects} schema objects), not a BRoute store; it was left untouched: choose another path");
        }

        if (version > Migrator.Latest)
        {
            throw new StoreException(
                StoreFailure.NewerSchema,
                $"the store {path} has schema version {version}, written by a newer broute (this one knows up to {Migrator.Latest}); upgrade broute, or use another path; the file was left untouched");
        }

        if (integrity)
        {
            var result = Convert.ToString(ScalarOf(connection, "PRAGMA quick_check(1)"), CultureInfo.InvariantCulture);
            if (!string.Equals(result, "ok", StringComparison.Ordinal))
            {
                throw StoreErrors.CorruptFile(path, $"integrity check: {result}");
            }
        }
    }

    private static object? ScalarOf(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
