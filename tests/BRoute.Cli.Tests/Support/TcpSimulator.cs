using System.Net;
using BRoute.Simulator;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;

namespace BRoute.Cli.Tests.Support;

/// <summary>
/// The simulator (BP35A1 + meter) served like ser2net on 127.0.0.1 on a free port, instant radio
/// (<c>LatencyScale = 0</c>), accepting the <see cref="Planted"/> credentials, with a constant household load
/// so values can be predicted. Started by the test, stopped when disposed. <see cref="Dialogue"/> is the
/// simulator's own record of the serial line (credentials masked by it).
/// </summary>
internal sealed class TcpSimulator : IAsyncDisposable
{
    /// <summary>The constant load in watts (E7).</summary>
    public const int LoadW = 1200;

    /// <summary>E0 at the simulated start, kWh.</summary>
    public const decimal EnergyKwh = 8000m;

    private readonly CancellationTokenSource _stop = new();
    private readonly TcpSerialServer _server;
    private readonly Task _serving;
    private readonly StringWriter _dialogue = new();
    private readonly SerialLog _log;

    public TcpSimulator(
        TimeProvider time,
        Func<MeterOptions, MeterOptions>? meter = null,
        double timeScale = 1,
        DateTimeOffset? start = null,
        string? faults = null,
        Func<SimulatorOptions, SimulatorOptions>? dongle = null)
    {
        var options = new SimulatorOptions
        {
            LatencyScale = 0,
            TimeScale = timeScale,
            Start = start ?? ScaledTimeProvider.DefaultStart,
            Seed = 5,
            Faults = FaultOptions.Parse(faults),
            Meter = (meter ?? (m => m))(new MeterOptions
            {
                RouteBId = Planted.Id,
                Password = Planted.Password,
                Load = LoadModel.Constant,
                ConstantLoadW = LoadW,
                AnchorNormalKwh = EnergyKwh,
            }),
        };
        options = dongle?.Invoke(options) ?? options;
        Options = options;
        _log = new SerialLog(TextWriter.Synchronized(_dialogue), time);
        Host = new SimulatorHost(options, time, _log);
        _server = new TcpSerialServer(Host, new IPEndPoint(IPAddress.Loopback, 0));
        _serving = _server.RunAsync(_stop.Token);
    }

    public SimulatorHost Host { get; }

    /// <summary>What the simulator was started with (family, meter channel, PAN, MAC, LQI …).</summary>
    public SimulatorOptions Options { get; }

    public string Device => $"tcp://127.0.0.1:{_server.LocalEndPoint.Port}";

    /// <summary>The port (for a raw client that holds the one connection).</summary>
    public int Port => _server.LocalEndPoint.Port;

    /// <summary>Connections the server closed at once because it was serving another.</summary>
    public int Refused => _server.Refused;

    /// <summary>What the simulator saw and said ('&lt;' client, '&gt;' dongle).</summary>
    public string Dialogue => _dialogue.ToString();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving.WaitAsync(TimeSpan.FromSeconds(20));
        _server.Dispose();
        Host.Dispose();
        _log.Dispose();
        _stop.Dispose();
    }
}
