using Microsoft.Data.Sqlite;

namespace BRoute.Cli.Tests.Support;

/// <summary>What a store file another process writes holds right now (a read-only connection; WAL lets it read while the daemon writes).</summary>
internal static class StoreProbe
{
    /// <summary>The half-hour slot ends stored (JST), oldest first; empty while there is no store yet.</summary>
    public static IReadOnlyList<DateTimeOffset> SlotEnds(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var connection = Open(path);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT slot_end FROM half_hours ORDER BY slot_end";
            using var reader = command.ExecuteReader();
            var slots = new List<DateTimeOffset>();
            while (reader.Read())
            {
                slots.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).ToOffset(TimeSpan.FromHours(9)));
            }

            return slots;
        }
        catch (SqliteException)
        {
            return []; // the daemon is still creating the schema (no table yet, or the file is locked for the migration)
        }
    }

    /// <summary><c>PRAGMA integrity_check</c>'s answer ("ok" for a sound file).</summary>
    public static string? IntegrityCheck(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return command.ExecuteScalar() as string;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
