using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// The SKSTACK IP dongle as seen from the serial line: echo, command framing, argument checking with the
/// firmware's FAIL codes, registers, and the radio-side commands (in the other partial files). One command runs
/// at a time; input that arrives meanwhile waits in the UART buffer, as on the module.
/// </summary>
internal sealed partial class DongleEmulator
{
    private readonly SimulatorEngine _engine;
    private readonly List<byte> _pending = [];
    private readonly HashSet<IPAddress> _neighbours = [];
    private readonly ushort[] _handles = new ushort[6];
    private InputFramer _framer;
    private ErxudpDataMode _mode;
    private byte _flashUart;
    private DongleRegisters.Saved? _saved;
    private bool _busy;
    private int _generation;

    public DongleEmulator(SimulatorEngine engine)
    {
        _engine = engine;
        Profile = FamilyProfile.For(engine.Options.Family);
        _mode = engine.Options.DataMode ?? Profile.FactoryMode;
        _flashUart = Profile.FactoryUart;
        Registers = new DongleRegisters(engine.Options.DongleMac, engine.Options.ShowRssi);
        _framer = new InputFramer(Profile.DualSide);
        ResetVolatile();
    }

    public FamilyProfile Profile { get; }

    public DongleRegisters Registers { get; }

    /// <summary>The dongle's own link-local address.</summary>
    public IPAddress OwnAddress => SkAddress.LinkLocalFromMac(Registers.Mac);

    private string? Password { get; set; }

    private string? RouteBId { get; set; }

    /// <summary>Serial input from the client (caller holds the gate).</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _pending.Add(b);
        }

        Drain();
    }

    /// <summary>Power loss and power-up (dongle-reset and vanish faults): like SKRESET, and the line is cleared.</summary>
    public void PowerCycle()
    {
        _pending.Clear();
        _framer.Echo.Clear();
        _engine.DropHeldEcho();
        _busy = false;
        Reset();
        if (_saved is { AutoLoad: true } saved)
        {
            Registers.Load(saved);
        }
    }

    private void Reset()
    {
        _generation++;
        Registers.Reset(Registers.Mac);
        _framer = new InputFramer(Profile.DualSide);
        // WOPT/WUART live in flash: they survive resets.
        ResetVolatile();
    }

    private void ResetVolatile()
    {
        Password = null;
        RouteBId = null;
        _neighbours.Clear();
        Array.Clear(_handles);
        _handles[0] = SkPorts.Echonet;
        _handles[1] = SkPorts.Pana;
        ResetSession();
        _scanning = false;
        _lateReplies.Clear();
    }

    /// <summary>Consumes pending input until a command makes the module busy.</summary>
    private void Drain()
    {
        var i = 0;
        while (!_busy && i < _pending.Count)
        {
            var cmd = _framer.Feed(_pending[i++], out var error);
            if (cmd is not null && cmd.CrOnly && i < _pending.Count && _pending[i] == '\n')
            {
                _framer.Feed(_pending[i++], out _); // the LF of CRLF belongs to this line's echo
            }

            if (error is { } code)
            {
                FlushEcho();
                Fail(code);
                continue;
            }

            if (cmd is not null)
            {
                FlushEcho();
                Execute(cmd);
            }
        }

        _pending.RemoveRange(0, i);
        FlushEcho();
    }

    private void FlushEcho()
    {
        if (_framer.Echo.Count == 0)
        {
            return;
        }

        if (Registers.Echo)
        {
            _engine.Emit([.. _framer.Echo], isEcho: true);
        }

        _framer.Echo.Clear();
    }

    /// <summary>
    /// Runs <paramref name="action"/> after <paramref name="delay"/> of host time unless the module was reset (SKRESET,
    /// power cycle) in between: a reset forgets everything that was under way.
    /// </summary>
    private void After(TimeSpan delay, Action action)
    {
        var generation = _generation;
        _engine.Scheduler.Schedule(delay, () =>
        {
            if (generation == _generation)
            {
                action();
            }
        });
    }

    /// <summary><see cref="After"/> for an interval of the meter's (simulated) clock.</summary>
    private void AfterSimulated(TimeSpan simulated, Action action)
    {
        var generation = _generation;
        _engine.ScheduleSimulated(simulated, () =>
        {
            if (generation == _generation)
            {
                action();
            }
        });
    }

    /// <summary>Marks the module busy until <paramref name="reply"/> has been written after <paramref name="delay"/>.</summary>
    private void ReplyAfter(TimeSpan delay, Action reply)
    {
        _busy = true;
        After(delay, () =>
        {
            reply();
            _busy = false;
            Drain();
        });
    }

    private void Reply(string text) => ReplyAfter(_engine.Latency.LocalCommand(), () => _engine.Emit(text));

    private void Ok() => Reply("OK\r\n");

    private void Fail(SkErrorCode code)
    {
        _engine.Stats.CommandFailure();
        Reply($"FAIL {SkErrorCodes.Format(code)}\r\n");
    }

    private void Execute(CommandInput cmd)
    {
        _engine.Log?.Input(cmd.Text, cmd.Data);
        var tokens = cmd.Text.Split(' ');
        var args = tokens.AsSpan(1);
        var name = tokens[0];
        _engine.Stats.Command();

        switch (name)
        {
            case "SKVER": Expect(args, 0, () => Reply($"EVER {Profile.Version}\r\nOK\r\n")); break;
            case "SKAPPVER": Expect(args, 0, () => Reply($"EAPPVER {Profile.AppVersion}\r\nOK\r\n")); break;
            case "SKINFO": Expect(args, 0, Info); break;
            case "SKRESET": Expect(args, 0, () => { Reset(); Ok(); }); break;
            case "SKSREG": Sreg(args); break;
            case "SKSETPWD": SetPassword(args); break;
            case "SKSETRBID": SetRouteBId(args); break;
            case "SKSETPSK": Expect(args, 2, Ok); break;
            case "SKLL64": Ll64(args); break;
            case "SKADDNBR": AddNeighbour(args); break;
            case "SKUDPPORT": UdpPort(args); break;
            case "SKTABLE": Table(args); break;
            case "SKSAVE": Expect(args, 0, Save); break;
            case "SKLOAD": Expect(args, 0, Load); break;
            case "SKERASE": Expect(args, 0, () => { _saved = null; Ok(); }); break;
            case "SKSCAN": Scan(args); break;
            case "SKPING": Ping(args); break;
            case "SKJOIN": Join(args); break;
            case "SKREJOIN": Expect(args, 0, Rejoin); break;
            case "SKTERM": Expect(args, 0, Terminate); break;
            case "SKSENDTO": SendTo(args, cmd.Data); break;
            case "ROPT" or "WOPT" or "RUART" or "WUART" when Profile.HasOptionCommands: Option(name, args); break;
            default: Fail(SkErrorCode.ER04); break;
        }
    }

    private void Expect(ReadOnlySpan<string> args, int count, Action run)
    {
        if (args.Length != count)
        {
            Fail(SkErrorCode.ER05);
            return;
        }

        run();
    }
}
