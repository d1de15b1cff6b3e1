using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Schema;

/// <summary>One write transaction: its connection, the store clock's "now", and the meter-key lookup.</summary>
internal sealed class WriteScope
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, long> _keys;
    private readonly Dictionary<string, long> _newKeys = new(StringComparer.Ordinal);

    public WriteScope(SqliteConnection connection, Dictionary<string, long> keys, DateTimeOffset now)
    {
        _connection = connection;
        _keys = keys;
        Now = now;
    }

    /// <summary>The store clock when the transaction began.</summary>
    public DateTimeOffset Now { get; }

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>A command in this transaction; parameters are added as ($name, value) pairs, null → NULL.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>The meter's row key; a row with only the id is created when the meter is new (its identity comes later).</summary>
    public long MeterKey(string meterId)
    {
        if (_keys.TryGetValue(meterId, out var key) || _newKeys.TryGetValue(meterId, out key))
        {
            return key;
        }

        var now = DbValues.Time(Now);
        Execute(
            "INSERT INTO meters (id, first_seen, last_seen) VALUES ($id, $now, $now) ON CONFLICT (id) DO NOTHING",
            ("$id", meterId),
            ("$now", now));
        key = Convert.ToInt64(Scalar("SELECT key FROM meters WHERE id = $id", ("$id", meterId)), CultureInfo.InvariantCulture);
        _newKeys[meterId] = key;
        return key;
    }

    public void Committed()
    {
        foreach (var (id, key) in _newKeys)
        {
            _keys[id] = key;
        }
    }

    public void RolledBack()
    {
        _newKeys.Clear();
        try
        {
            Transaction?.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
        }
    }
}
