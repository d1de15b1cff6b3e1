using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Schema;

/// <summary>Runs a read query on its own connection and maps the rows; SQLite errors become <see cref="StoreException"/>s.</summary>
internal static class Query
{
    public static async Task<List<T>> ListAsync<T>(
        MeterStore store,
        string sql,
        Func<SqliteDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        try
        {
            using var connection = store.OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var list = new List<T>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(map(reader));
            }

            return list;
        }
        catch (SqliteException e)
        {
            throw StoreErrors.From(e, store.Path);
        }
    }

    public static string? Text(this SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static long? Long(this SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);

    public static double? Double(this SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
