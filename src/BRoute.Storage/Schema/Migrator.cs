using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Schema;

/// <summary>
/// The schema's forward migrations: <c>Migrations/NNNN_name.sql</c>, embedded, applied in order, each in its own
/// transaction together with <c>PRAGMA user_version = NNNN</c>, so a store is always at exactly one version.
/// </summary>
internal static class Migrator
{
    /// <summary>Marks the file as a BRoute store (PRAGMA application_id, set by migration 1): 0x42526F74.</summary>
    public const int ApplicationId = 0x42526F74;

    private const string Prefix = "BRoute.Storage.Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    /// <summary>The migrations in order; migration i (1-based) brings the schema to version i.</summary>
    public static IReadOnlyList<Migration> Migrations => All.Value;

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Migrations.Count;

    public static long UserVersion(SqliteConnection connection) => Scalar(connection, "PRAGMA user_version");

    public static long AppId(SqliteConnection connection) => Scalar(connection, "PRAGMA application_id");

    /// <summary>Applies every migration above the file's version up to <paramref name="target"/>; returns how many ran.</summary>
    public static int MigrateTo(SqliteConnection connection, int target)
    {
        var current = (int)UserVersion(connection);
        var applied = 0;
        foreach (var migration in Migrations.Where(m => m.Version > current && m.Version <= target))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version.ToString(CultureInfo.InvariantCulture)};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            applied++;
        }

        return applied;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        var list = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[Prefix.Length..];
            var version = int.Parse(file.AsSpan(0, 4), CultureInfo.InvariantCulture);
            list.Add(new Migration(version, file, Read(assembly, name)));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1)
            {
                throw new InvalidOperationException($"migration {list[i].Name} is out of sequence: expected number {i + 1}");
            }
        }

        return list;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One numbered migration script.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
