using BRoute.Monitoring;
using BRoute.Storage.Maintenance;
using BRoute.Storage.Schema;
using BRoute.Storage.Tables;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Storage;

/// <summary>
/// The embedded store: one SQLite file (WAL) of meters, half-hours, samples, energy readings, one-minute aggregates,
/// events, publisher cursors and each meter's latest link figures. Writes go through one connection, one transaction each, serialised; reads open
/// their own (pooled) connections and never wait for a write. Thread-safe.
/// </summary>
public sealed class MeterStore : IHalfHourSlots, IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, long> _meterKeys = new(StringComparer.Ordinal);
    private readonly string _readConnectionString;
    private bool _disposed;

    private MeterStore(StoreOptions options, SqliteConnection writer, TimeProvider time, ILogger logger)
    {
        Options = options;
        _writer = writer;
        Time = time;
        Logger = logger;
        _readConnectionString = StoreOpener.ConnectionString(options.Path, pooling: true);
        Meters = new MeterTable(this);
        HalfHours = new HalfHourTable(this);
        Samples = new SampleTable(this);
        EnergyReadings = new EnergyReadingTable(this);
        Events = new EventTable(this);
        Outbox = new OutboxTable(this);
        Totals = new TotalsQueries(this);
        Links = new LinkTable(this);
    }

    /// <summary>The options the store was opened with (its <see cref="StoreOptions.Path"/> made absolute).</summary>
    public StoreOptions Options { get; }

    /// <summary>The store file.</summary>
    public string Path => Options.Path;

    /// <summary>The schema version this build writes (the file is at it once opened).</summary>
    public static int SchemaVersion => Migrator.Latest;

    /// <summary>Meters: identity, first and last seen.</summary>
    public MeterTable Meters { get; }

    /// <summary>Half-hours: upsert with the merge rule, ranges with deltas, slots and gaps.</summary>
    public HalfHourTable HalfHours { get; }

    /// <summary>Instantaneous samples (power, currents) and their one-minute aggregates.</summary>
    public SampleTable Samples { get; }

    /// <summary>Cumulative registers (E0/E3) and one-minute readings (D0).</summary>
    public EnergyReadingTable EnergyReadings { get; }

    /// <summary>What happened: connects, re-auths, outages, pauses, refusals, backfills, conflicts.</summary>
    public EventTable Events { get; }

    /// <summary>Durable cursors for publishers that must send every half-hour once, in order.</summary>
    public OutboxTable Outbox { get; }

    /// <summary>Daily and monthly totals (JST days).</summary>
    public TotalsQueries Totals { get; }

    /// <summary>Each meter's latest link figures (signal, resends, transmit budget), from the monitor's counters.</summary>
    public LinkTable Links { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Opens (or creates) the store: refuses a file that is not a BRoute store, is damaged, is read-only or was written
    /// by a newer version — leaving it untouched — then switches to WAL and applies pending migrations.
    /// </summary>
    /// <exception cref="StoreException">The file cannot be used; the message says why and what to do.</exception>
    public static MeterStore Open(StoreOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var full = options with { Path = System.IO.Path.GetFullPath(options.Path) };
        logger ??= NullLogger.Instance;
        var connection = StoreOpener.Open(full.Path, full, logger);
        return new MeterStore(full, connection, time ?? TimeProvider.System, logger);
    }

    /// <summary>The stored slot ends (import value or "no data") of a meter in [from, to], for the gap logic.</summary>
    public Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => HalfHours.StoredSlotsAsync(meterId, from, to, cancellationToken);

    /// <summary>
    /// Retention and upkeep; the daemon calls it hourly. Aggregates every finished minute of samples into one-minute
    /// min/mean/max, deletes raw samples and energy readings older than <see cref="StoreOptions.RawSampleRetention"/>
    /// and aggregates older than <see cref="StoreOptions.MinuteAggregateRetention"/>; half-hours and events stay.
    /// </summary>
    public Task<MaintenanceReport> RunMaintenanceAsync(DateTimeOffset now, CancellationToken cancellationToken)
        => Retention.RunAsync(this, now, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Wait();
        try
        {
            using (var command = _writer.CreateCommand())
            {
                command.CommandText = "PRAGMA optimize;";
                TryExecute(command);
            }

            _writer.Dispose();
            using var reader = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(reader);
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    /// <summary>A new read connection (pooled); the caller disposes it.</summary>
    internal SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreErrors.From(e, Path);
        }

        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE), committed when it returns.</summary>
    /// <exception cref="StoreException">SQLite failed; the transaction was rolled back.</exception>
    internal async Task<T> WriteAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var scope = new WriteScope(_writer, _meterKeys, Time.GetUtcNow());
            try
            {
                scope.Transaction = _writer.BeginTransaction(deferred: false);
                var result = work(scope);
                scope.Transaction.Commit();
                scope.Committed();
                return result;
            }
            catch (SqliteException e)
            {
                scope.RolledBack();
                throw StoreErrors.From(e, Path);
            }
            catch
            {
                scope.RolledBack();
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Tests only: runs a statement on the write connection (e.g. PRAGMA max_page_count to fake a full disk).</summary>
    internal void ExecuteOnWriter(string sql)
    {
        _writeLock.Wait();
        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void TryExecute(SqliteCommand command)
    {
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Optimising on close is a courtesy; a full or read-only disk must not turn shutdown into a failure.
        }
    }
}
