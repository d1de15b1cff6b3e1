using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Runtime.InteropServices;
using BRoute.Simulator;
using BRoute.Simulator.Dongle;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Stats;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Commands;

/// <summary><c>broute simulate</c>: a behavioural dongle + smart meter on a pseudo-terminal or TCP.</summary>
public static class SimulateCommand
{
    private const string DefaultId = "00112233445566778899AABBCCDDEEFF";
    private const string DefaultPassword = "0123456789AB";

    private static readonly Option<string?> Pty = new("--pty") { Description = "Create a pseudo-terminal and a symlink at PATH (open it like /dev/ttyUSB0)." };
    private static readonly Option<string?> Tcp = new("--tcp") { Description = "Serve on HOST:PORT like ser2net (one client at a time), e.g. 127.0.0.1:7001." };
    private static readonly Option<string> Family = new("--family") { Description = "bp35a1|wsr35a1|bp35c0|bp35c2|rs-wsuha|rl7023-ips|rl7023-dss", DefaultValueFactory = _ => "bp35a1" };
    private static readonly Option<bool> Ascii = new("--ascii") { Description = "ERXUDP data as ASCII hex (WOPT 01) at power-up." };
    private static readonly Option<bool> Binary = new("--binary") { Description = "ERXUDP data as raw bytes (WOPT 00) at power-up." };
    private static readonly Option<bool> Rssi = new("--rssi") { Description = "Register SA2 = 1 at power-up: dual-side families print the meter's LQI in ERXUDP (11 tokens)." };
    private static readonly Option<string?> Id = new("--id") { Description = "B-route ID the meter accepts (32 characters)." };
    private static readonly Option<string?> Password = new("--password") { Description = "B-route password the meter accepts (12 characters)." };
    private static readonly Option<string?> Channel = new("--channel") { Description = "Meter channel: 33–60 decimal, or 0x21–0x3C." };
    private static readonly Option<string?> PanId = new("--pan-id") { Description = "Meter PAN ID, 4 hex digits." };
    private static readonly Option<string?> Mac = new("--mac") { Description = "Meter MAC, 16 hex digits." };
    private static readonly Option<string?> DongleMac = new("--dongle-mac") { Description = "Dongle MAC (S01), 16 hex digits." };
    private static readonly Option<ulong> Seed = new("--seed") { Description = "Seed for load noise, latencies and faults.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Start = new("--start") { Description = "Simulated start, ISO 8601 (no offset = JST). Default: now." };
    private static readonly Option<double> TimeScale = new("--time-scale") { Description = "Simulated seconds per real second (60 = a minute per second; 0 freezes).", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> LatencyScale = new("--latency-scale") { Description = "Multiplier of every radio delay (0 = instant).", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Faults = new("--faults") { Description = "Comma list, e.g. lost-reply=0.05,auth-fail-first=2,tx-limit=3600/120 (see README)." };
    private static readonly Option<string?> Stats = new("--stats") { Description = "Keep a JSON file of counters up to date." };
    private static readonly Option<string?> Log = new("--log") { Description = "Write the serial dialogue here (credentials masked)." };
    private static readonly Option<string> Profile = new("--meter-profile") { Description = "release-r|older|seed-trace", DefaultValueFactory = _ => "release-r" };
    private static readonly Option<string?> Without = new("--without") { Description = "EPCs the meter lacks, e.g. D3,EE,EF." };
    private static readonly Option<bool> NoReverse = new("--no-reverse") { Description = "Meter without reverse metering (no E3/E4/EB)." };
    private static readonly Option<int> Solar = new("--solar") { Description = "Solar peak W (export makes E7 negative).", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> DailyKwh = new("--daily-kwh") { Description = "Household consumption per day, kWh.", DefaultValueFactory = _ => 10 };
    private static readonly Option<int?> ConstantLoad = new("--constant-load") { Description = "Replace the household curve by a constant W (negative = export)." };
    private static readonly Option<decimal?> EnergyKwh = new("--energy-kwh") { Description = "Normal-direction energy at start, kWh." };
    private static readonly Option<decimal?> ReverseKwh = new("--reverse-kwh") { Description = "Reverse-direction energy at start, kWh." };
    private static readonly Option<uint> Coefficient = new("--coefficient") { Description = "D3 coefficient.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Unit = new("--unit") { Description = "E1 unit code in hex (01 = 0.1 kWh).", DefaultValueFactory = _ => "01" };
    private static readonly Option<byte> Digits = new("--digits") { Description = "D7 effective digits (registers wrap at 10^digits).", DefaultValueFactory = _ => 6 };
    private static readonly Option<bool> SinglePhase = new("--single-phase") { Description = "Single-phase two-wire service (E8 T phase 0x7FFE)." };
    private static readonly Option<int> MaxOpc = new("--max-opc") { Description = "Largest Get OPC the meter answers.", DefaultValueFactory = _ => 6 };
    private static readonly Option<string> OverOpc = new("--over-opc") { Description = "Above --max-opc: sna|drop|answer.", DefaultValueFactory = _ => "sna" };
    private static readonly Option<int> Lifetime = new("--session-lifetime") { Description = "PANA session lifetime the meter grants, s.", DefaultValueFactory = _ => 86400 };
    private static readonly Option<string> ReauthBasisOption = new("--reauth-basis") { Description = "Automatic re-auth at 80 % of: meter|s16.", DefaultValueFactory = _ => "meter" };
    private static readonly Option<int> MinScan = new("--min-scan-duration") { Description = "Smallest SKSCAN duration that finds the meter.", DefaultValueFactory = _ => 4 };
    private static readonly Option<bool> Infc = new("--infc") { Description = "Send the 30-minute EA/EB notification as INFC (0x74)." };

    public static Command Create()
    {
        var command = new Command("simulate", "Behavioural SKSTACK IP dongle + smart meter on a pseudo-terminal or TCP.");
        foreach (var option in new Option[]
        {
            Pty, Tcp, Family, Ascii, Binary, Rssi, Id, Password, Channel, PanId, Mac, DongleMac, Seed, Start, TimeScale, LatencyScale,
            Faults, Stats, Log, Profile, Without, NoReverse, Solar, DailyKwh, ConstantLoad, EnergyKwh, ReverseKwh, Coefficient,
            Unit, Digits, SinglePhase, MaxOpc, OverOpc, Lifetime, ReauthBasisOption, MinScan, Infc,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        SimulatorOptions options;
        try
        {
            options = BuildOptions(parse);
            options.Validate();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"broute simulate: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        var pty = parse.GetValue(Pty);
        var tcp = parse.GetValue(Tcp);
        if ((pty is null) == (tcp is null))
        {
            await Console.Error.WriteLineAsync("broute simulate: give exactly one of --pty PATH or --tcp HOST:PORT").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        IPEndPoint? endPoint = null;
        if (tcp is not null && !IPEndPoint.TryParse(tcp, out endPoint))
        {
            await Console.Error.WriteLineAsync($"broute simulate: --tcp wants HOST:PORT with a numeric address, got '{tcp}'").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The signal arrived while the command was already returning: it is stopping anyway.
            }
        }

        SerialLog? log = null;
        var logPath = parse.GetValue(Log);
        if (logPath is not null)
        {
            log = new SerialLog(new StreamWriter(logPath, append: false), TimeProvider.System);
        }

        using var logScope = log;
        using var host = new SimulatorHost(options, TimeProvider.System, log);
        PrintBanner(options, host);
        var statsPath = parse.GetValue(Stats);
        var statsTask = statsPath is null ? Task.CompletedTask : StatsFileWriter.RunAsync(host, statsPath, TimeProvider.System, stop.Token);
        try
        {
            if (pty is not null)
            {
                await PtyHost.RunAsync(host, pty, path => Console.WriteLine($"pty: {pty} -> {path}"), stop.Token).ConfigureAwait(false);
            }
            else
            {
                using var server = new TcpSerialServer(host, endPoint!);
                Console.WriteLine($"tcp: listening on {server.LocalEndPoint}");
                await server.RunAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"broute simulate: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.DeviceNotFound;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await statsTask.ConfigureAwait(false);
        }

        Console.WriteLine("simulator stopped");
        return ExitCodes.Interrupted; // it only ever stops on a signal
    }

    /// <summary>Turns the parsed command line into options (throws FormatException/ArgumentException on bad values).</summary>
    internal static SimulatorOptions BuildOptions(ParseResult parse)
    {
        var profile = parse.GetValue(Profile)!.ToLowerInvariant();
        var baseOptions = profile switch
        {
            "seed-trace" => SimulatorOptions.SeedTrace(),
            "release-r" or "older" => new SimulatorOptions(),
            _ => throw new FormatException($"--meter-profile must be release-r, older or seed-trace, got '{profile}'"),
        };
        var meter = baseOptions.Meter;
        if (profile == "older")
        {
            meter = meter with { Generation = MeterGeneration.Older };
        }

        if (!FamilyProfile.TryParseFamily(parse.GetValue(Family), out var family))
        {
            throw new FormatException($"--family must be one of bp35a1, wsr35a1, bp35c0, bp35c2, rs-wsuha, rl7023-ips, rl7023-dss; got '{parse.GetValue(Family)}'");
        }

        if (parse.GetValue(Ascii) && parse.GetValue(Binary))
        {
            throw new FormatException("--ascii and --binary exclude each other");
        }

        ErxudpDataMode? mode = parse.GetValue(Ascii) ? ErxudpDataMode.AsciiHex : parse.GetValue(Binary) ? ErxudpDataMode.Binary : baseOptions.DataMode;
        meter = meter with
        {
            RouteBId = parse.GetValue(Id) ?? meter.RouteBId,
            Password = parse.GetValue(Password) ?? meter.Password,
            Without = ParseEpcs(parse.GetValue(Without)),
            ReverseMetering = !parse.GetValue(NoReverse),
            SolarPeakW = parse.GetValue(Solar),
            DailyKwh = parse.GetValue(DailyKwh),
            Coefficient = parse.GetValue(Coefficient),
            Unit = Hex<byte>(parse.GetValue(Unit)!, "--unit"),
            Digits = parse.GetValue(Digits),
            SinglePhaseTwoWire = parse.GetValue(SinglePhase),
            MaxGetOpc = parse.GetValue(MaxOpc),
            OverOpc = parse.GetValue(OverOpc)?.ToLowerInvariant() switch
            {
                "sna" => OverOpcBehavior.Sna,
                "drop" => OverOpcBehavior.Drop,
                "answer" => OverOpcBehavior.Answer,
                var v => throw new FormatException($"--over-opc must be sna, drop or answer, got '{v}'"),
            },
            SessionLifetime = TimeSpan.FromSeconds(parse.GetValue(Lifetime)),
            MinScanDuration = parse.GetValue(MinScan),
            UseInfc = parse.GetValue(Infc),
        };
        if (parse.GetValue(ConstantLoad) is { } constant)
        {
            meter = meter with { Load = LoadModel.Constant, ConstantLoadW = constant };
        }

        if (parse.GetValue(EnergyKwh) is { } kwh)
        {
            meter = meter with { AnchorNormalKwh = kwh, AnchorTime = null };
        }

        if (parse.GetValue(ReverseKwh) is { } rkwh)
        {
            meter = meter with { AnchorReverseKwh = rkwh };
        }

        if (parse.GetValue(Channel) is { } ch)
        {
            meter = meter with { Channel = ParseChannel(ch) };
        }

        if (parse.GetValue(PanId) is { } pan)
        {
            meter = meter with { PanId = Hex<ushort>(pan, "--pan-id") };
        }

        if (parse.GetValue(Mac) is { } mac)
        {
            meter = meter with { Mac = Hex<ulong>(mac, "--mac"), IPv6 = null };
        }

        var start = parse.GetValue(Start) is { } s ? ParseStart(s) : baseOptions.Start;
        return baseOptions with
        {
            Family = family,
            DataMode = mode,
            ShowRssi = parse.GetValue(Rssi),
            DongleMac = parse.GetValue(DongleMac) is { } dm ? Hex<ulong>(dm, "--dongle-mac") : baseOptions.DongleMac,
            Meter = meter,
            Seed = parse.GetValue(Seed),
            Start = start,
            TimeScale = parse.GetResult(TimeScale) is null ? baseOptions.TimeScale : parse.GetValue(TimeScale),
            LatencyScale = parse.GetValue(LatencyScale),
            Faults = FaultOptions.Parse(parse.GetValue(Faults)),
            ReauthBasis = parse.GetValue(ReauthBasisOption)?.ToLowerInvariant() switch
            {
                "meter" => ReauthBasis.Meter,
                "s16" => ReauthBasis.S16,
                var v => throw new FormatException($"--reauth-basis must be meter or s16, got '{v}'"),
            },
        };
    }

    private static void PrintBanner(SimulatorOptions o, SimulatorHost host)
    {
        var profile = FamilyProfile.For(o.Family);
        var id = o.Meter.RouteBId == DefaultId ? o.Meter.RouteBId : "(given; not shown)";
        var password = o.Meter.Password == DefaultPassword ? o.Meter.Password : "(given; not shown)";
        Console.WriteLine($"broute simulate: {o.Family} (EVER {profile.Version}), ERXUDP {(o.DataMode ?? profile.FactoryMode)}{(o.ShowRssi && profile.DualSide ? " with the LQI token (SA2 1)" : string.Empty)}, seed {o.Seed}");
        Console.WriteLine($"  meter: channel {o.Meter.Channel} (0x{o.Meter.Channel:X2}), PAN {o.Meter.PanId:X4}, MAC {o.Meter.Mac:X16}, IPv6 {BRoute.SkStack.Grammar.SkAddress.FormatIPv6(host.MeterAddress)}");
        Console.WriteLine($"  B-route ID {id}, password {password}");
        Console.WriteLine($"  clock {host.Clock.Start:yyyy-MM-dd HH:mm:ss zzz} x{o.TimeScale}, latency x{o.LatencyScale}, faults {(o.Faults.Probabilities.Count + o.Faults.Spells.Count + (o.Faults.AuthFailFirst > 0 ? 1 : 0) + (o.Faults.EarlyExpiry is null ? 0 : 1) == 0 ? "none" : "on")}");
    }

    private static IReadOnlySet<byte> ParseEpcs(string? text)
    {
        var set = new HashSet<byte>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return set;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            set.Add(Hex<byte>(part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? part[2..] : part, "--without"));
        }

        return set;
    }

    private static byte ParseChannel(string text)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? byte.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ch)
            : byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ch);
        return ok && ch is >= 33 and <= 60 ? ch : throw new FormatException($"--channel must be 33–60 (or 0x21–0x3C), got '{text}'");
    }

    private static DateTimeOffset ParseStart(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 9))
        {
            return withOffset;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromHours(9));
        }

        throw new FormatException($"--start must be ISO 8601, e.g. 2026-01-15T08:00:00 (JST) or 2026-01-14T23:00:00Z; got '{text}'");
    }

    private static T Hex<T>(string text, string option)
        where T : IBinaryInteger<T>
    {
        return T.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{option} wants hex digits, got '{text}'");
    }
}
