using System.Net;
using BRoute.Connection;
using BRoute.EchonetLite.Meter;
using BRoute.Radio;
using BRoute.Reading;
using BRoute.Scanning;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Session;

/// <summary>
/// A session with one smart meter over one dongle: connects (PAN cache or scan, PANA join with retries), keeps the
/// session alive (re-authentication, re-join, transport reopen, transmission budget), reads properties in batches
/// with TID matching and retries, answers INFC, streams notifications, and reads history. Every wait uses the
/// options' <see cref="TimeProvider"/>. Operations on the meter run one at a time.
/// </summary>
/// <example>
/// <code>
/// await using var session = await MeterSession.ConnectAsync(new MeterSessionOptions
/// {
///     Credentials = Credentials.Create(id, password),
///     Device = SkDeviceFactories.Open("/dev/ttyUSB0"),
/// }, progress, ct);
/// MeterReading reading = await session.ReadAsync([0xE7, 0xE8, 0xE0], ct);
/// Console.WriteLine(reading[0xE7].ToDisplayString());   // "628 W"
/// </code>
/// </example>
public sealed partial class MeterSession : IAsyncDisposable, IConnectionClient
{
    private readonly MeterSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReplyMatcher _matcher;
    private readonly MeterCapabilities _capabilities;
    private readonly TransmitBudget _budget;
    private readonly SessionCounters _counters = new();
    private readonly ConnectionDriver _connection;
    private readonly SemaphoreSlim _operationLock = new(1, 1);
    private readonly NotificationHub _notifications;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _sendsLock = new();
    private readonly List<Task> _backgroundSends = [];
    private MeterInfo? _meter;
    private byte[] _unsupported = [];
    private int _closed;

    private MeterSession(MeterSessionOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _logger = options.Logger ?? NullLogger.Instance;
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        _matcher = new ReplyMatcher(_time, options.Matcher, TransactionIds.StartingAt(random));
        _capabilities = new MeterCapabilities(options.InitialMaxOpc);
        _budget = new TransmitBudget(_time, options.TransmitBudget);
        _notifications = new NotificationHub(options.NotificationCapacity, _counters);
        _connection = new ConnectionDriver(options, _counters, this, (ulong)random.NextInt64());
        options.OnCreated?.Invoke(this);
    }

    /// <summary>What the meter said about itself after connecting (map, coefficient, unit, digits, scale).</summary>
    public MeterInfo Meter => Volatile.Read(ref _meter) ?? throw new InvalidOperationException("the session is not connected yet");

    /// <summary>
    /// The energy scale (D3 × E1) every energy of this session is decoded with. <see cref="EnergyScale.Unknown"/> (energies
    /// without kWh) while D3 and E1 are the ones remembered with the PAN and the meter has not confirmed them yet: the
    /// first read confirms them.
    /// </summary>
    public EnergyScale Scale => _scaleUnchecked && Volatile.Read(ref _meter) is not null ? EnergyScale.Unknown : Meter.Scale;

    /// <summary>The meter's PAN (channel, PAN ID, MAC); null before the first scan or cache hit.</summary>
    public MeterPan? Pan => _connection.State.Pan;

    /// <summary>The meter's link-local IPv6 address (replies are accepted only from it).</summary>
    public IPAddress? MeterAddress => _matcher.MeterAddress;

    /// <summary>Where the connection is (Connected, Reauthenticating, Joining, Reopening, Failed …).</summary>
    public ConnectionPhase Phase => _connection.State.Phase;

    /// <summary>True when requests can be sent right now.</summary>
    public bool IsConnected => _connection.State.CanSend;

    /// <summary>The dongle's dialect (family, SIDE, ERXUDP layout and data mode, firmware); null while the dongle is reopened.</summary>
    public SkDialect? Dialect => _connection.Link?.Device.Dialect;

    /// <summary>What the reply matcher accepted and dropped, by reason.</summary>
    public MatcherCounters MatcherCounters => _matcher.Counters;

    /// <summary>A snapshot of the session's counters.</summary>
    public SessionStatistics Statistics => _counters.Snapshot() with
    {
        RepliesAccepted = _matcher.Counters.Accepted,
        Notifications = _matcher.Counters.Notifications,
        Dropped = Enum.GetValues<DropReason>().ToDictionary(r => r.Name(), r => _matcher.Counters[r]),
        AirTimeThisHour = _budget.Used,
        AirTimeLimit = _options.TransmitBudget.Limit,
        MaxOpc = _capabilities.MaxOpc,
        LargestAcceptedOpc = _capabilities.LargestAcceptedOpc,
        UnsupportedEpcs = Volatile.Read(ref _unsupported), // MeterCapabilities is not thread-safe: a copy taken after each read
    };

    /// <summary>True when nothing is queued or being handled (tests on a fake clock advance time only then).</summary>
    internal bool IsIdle
    {
        get
        {
            if (SendTurnPending)
            {
                return false;
            }

            lock (_sendsLock)
            {
                if (_backgroundSends.Any(t => !t.IsCompleted))
                {
                    return false;
                }
            }

            return _connection.IsIdle;
        }
    }

    /// <summary>
    /// Opens the dongle and connects to the meter: credentials set, dialect detected, PAN from the cache (checked
    /// against the pairing ID) or found by the scan ladder, PANA join with retries and wake-up pings; then reads the
    /// Get property map, coefficient, unit and digits once — or, when the PAN cache remembers them for this meter,
    /// starts from them and checks them with the first read. <paramref name="progress"/> also receives the
    /// reconnection reports later in the session's life.
    /// </summary>
    /// <exception cref="InvalidCredentialsException">Never here: <see cref="MeterSessionOptions.Credentials"/> is already validated.</exception>
    /// <exception cref="AuthenticationFailedException">The meter answered EVENT 24 to every join.</exception>
    /// <exception cref="MeterUnreachableException">No PAN answered the scan, no join was answered, or the meter answered no request.</exception>
    /// <exception cref="DeviceOpenException">The device could not be opened.</exception>
    /// <exception cref="DongleException">The dongle failed while being prepared (a subtype says how; the driver's exception is inside).</exception>
    public static async Task<MeterSession> ConnectAsync(MeterSessionOptions options, IProgress<SessionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var session = new MeterSession(options);
        try
        {
            await session._connection.StartAsync(progress, cancellationToken).ConfigureAwait(false);
            session.SeedReplyTimesFromCache();
            // Remembered with the PAN: no Get after the join; the first read checks D3/D7/E1 (and 9F where it has room).
            var meter = session.RestoreCapabilitiesFromCache();
            if (meter is null)
            {
                progress?.Report(new SessionProgress(SessionStage.ReadingMeterInfo, "reading the meter's property map, coefficient and unit"));
                meter = await session.ReadMeterInfoAsync(cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref session._meter, meter);
            // A connected session has its PAN on disk: the next run (another process) joins without a scan.
            // WhenAny: a failed write is already logged by the driver and must not fail the connect.
            await Task.WhenAny(session._connection.PanSaved).WaitAsync(cancellationToken).ConfigureAwait(false);
            SessionLog.MeterInfo(session._logger, meter.ToString());
            progress?.Report(new SessionProgress(SessionStage.Connected, $"ready: {meter}"));
            return session;
        }
        catch (SkStackException ex)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw DongleErrors.Wrap(ex);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens the dongle and runs the scan ladder once, without joining: for <c>broute scan</c>. A PAN with the
    /// credentials' pairing ID is saved in the PAN cache (unless disabled).
    /// </summary>
    public static async Task<ScanReport> ScanAsync(MeterSessionOptions options, IProgress<SessionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var counters = new SessionCounters();
        var ignored = new ScanOnlyClient();
        var driver = new ConnectionDriver(options, counters, ignored, 0);
        await using (driver.ConfigureAwait(false))
        {
            try
            {
                var (report, dialect) = await driver.ScanOnlyAsync(progress, cancellationToken).ConfigureAwait(false);
                return report with { Dialect = dialect };
            }
            catch (SkStackException ex)
            {
                throw DongleErrors.Wrap(ex);
            }
        }
    }

    /// <summary>Ends the session: SKTERM if it is up (bounded wait for EVENT 27/28), then closes the dongle.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await SaveLearnedAsync(cancellationToken).ConfigureAwait(false);
        await _connection.StopAsync(cancellationToken).ConfigureAwait(false);
        await _closing.CancelAsync().ConfigureAwait(false);
        Task[] sends;
        lock (_sendsLock)
        {
            sends = [.. _backgroundSends];
        }

        await Task.WhenAll(sends).ConfigureAwait(false); // each one catches its own exceptions
        _notifications.Complete();
        _matcher.AbandonAll();

        _closing.Dispose();
    }

    /// <inheritdoc cref="CloseAsync"/>
    public async ValueTask DisposeAsync() => await CloseAsync(CancellationToken.None).ConfigureAwait(false);

    void IConnectionClient.OnMeterAddress(IPAddress address) => _matcher.MeterAddress = address;

    private MeterInfo RequireConnected()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        _connection.ThrowIfFailedOrStopped();
        return Meter;
    }

    /// <summary>The connection client of <see cref="ScanAsync"/>: nothing is received or sent there.</summary>
    private sealed class ScanOnlyClient : IConnectionClient
    {
        public void OnErxudp(SkStack.Items.Erxudp datagram)
        {
        }

        public void OnMeterAddress(IPAddress address)
        {
        }
    }
}
