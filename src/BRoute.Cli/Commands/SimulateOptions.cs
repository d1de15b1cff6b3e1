using System.CommandLine;
using System.Globalization;
using System.Numerics;
using BRoute.Cli.Settings;
using BRoute.Scanning;
using BRoute.Simulator;
using BRoute.Simulator.Dongle;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Commands;

/// <summary>
/// The options of <c>broute simulate</c> and how they become <see cref="SimulatorOptions"/>. One instance per
/// command (an option belongs to the command it is added to, so they are never shared through static fields).
/// </summary>
internal sealed class SimulateOptions
{
    public Option<string?> Pty { get; } = new("--pty") { Description = "Create a pseudo-terminal and a symlink at PATH (open it like /dev/ttyUSB0)." };
    public Option<string?> Tcp { get; } = new("--tcp") { Description = "Serve on HOST:PORT like ser2net (one client at a time), e.g. 127.0.0.1:7001." };
    public Option<string> Family { get; } = new("--family") { Description = "bp35a1|wsr35a1|bp35c0|bp35c2|rs-wsuha|rl7023-ips|rl7023-dss", DefaultValueFactory = _ => "bp35a1" };
    public Option<bool> Ascii { get; } = new("--ascii") { Description = "ERXUDP data as ASCII hex (WOPT 01) at power-up." };
    public Option<bool> Binary { get; } = new("--binary") { Description = "ERXUDP data as raw bytes (WOPT 00) at power-up." };
    public Option<bool> Rssi { get; } = new("--rssi") { Description = "Register SA2 = 1 at power-up: dual-side families print the meter's LQI in ERXUDP (11 tokens)." };
    public Option<string?> Id { get; } = new("--id") { Description = "B-route ID the meter accepts (32 characters)." };
    public Option<string?> Password { get; } = new("--password") { Description = "B-route password the meter accepts (12 characters)." };
    public Option<string?> Channel { get; } = new("--channel") { Description = "Meter channel: 33–60 decimal, or 0x21–0x3C." };
    public Option<string?> PanId { get; } = new("--pan-id") { Description = "Meter PAN ID, 4 hex digits." };
    public Option<string?> Mac { get; } = new("--mac") { Description = "Meter MAC, 16 hex digits." };
    public Option<string?> DongleMac { get; } = new("--dongle-mac") { Description = "Dongle MAC (S01), 16 hex digits." };
    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed for load noise, latencies and faults.", DefaultValueFactory = _ => 1 };
    public Option<string?> Start { get; } = new("--start") { Description = "Simulated start, ISO 8601 (no offset = JST). Default: now." };
    public Option<double> TimeScale { get; } = new("--time-scale") { Description = "Simulated seconds per real second (60 = a minute per second; 0 freezes).", DefaultValueFactory = _ => 1 };
    public Option<double> LatencyScale { get; } = new("--latency-scale") { Description = "Multiplier of every radio delay (0 = instant).", DefaultValueFactory = _ => 1 };
    public Option<string?> Faults { get; } = new("--faults") { Description = "Comma list, e.g. lost-reply=0.05,auth-fail-first=2,tx-limit=3600/120 (every fault: 'broute help faults')." };
    public Option<string?> Stats { get; } = new("--stats") { Description = "Keep a JSON file of counters up to date." };
    public Option<string?> Truth { get; } = new("--truth") { Description = "Write the meter's ground truth here: one JSON line per half-hour slot (cumulative import/export kWh), history first." };
    public Option<string?> State { get; } = new("--state") { Description = "Keep the meter's clock origin here, so a restart with the same options continues the same meter." };
    public Option<string?> Log { get; } = new("--log") { Description = "Write the serial dialogue here (credentials masked)." };
    public Option<string> Profile { get; } = new("--meter-profile") { Description = "release-r|older|seed-trace", DefaultValueFactory = _ => "release-r" };
    public Option<string?> Without { get; } = new("--without") { Description = "EPCs the meter lacks, e.g. D3,EE,EF." };
    public Option<bool> NoReverse { get; } = new("--no-reverse") { Description = "Meter without reverse metering (no E3/E4/EB)." };
    public Option<int> Solar { get; } = new("--solar") { Description = "Solar peak W (export makes E7 negative).", DefaultValueFactory = _ => 0 };
    public Option<double> DailyKwh { get; } = new("--daily-kwh") { Description = "Household consumption per day, kWh.", DefaultValueFactory = _ => 10 };
    public Option<int?> ConstantLoad { get; } = new("--constant-load") { Description = "Replace the household curve by a constant W (negative = export)." };
    public Option<decimal?> EnergyKwh { get; } = new("--energy-kwh") { Description = "Normal-direction energy at start, kWh." };
    public Option<decimal?> ReverseKwh { get; } = new("--reverse-kwh") { Description = "Reverse-direction energy at start, kWh." };
    public Option<uint> Coefficient { get; } = new("--coefficient") { Description = "D3 coefficient.", DefaultValueFactory = _ => 1 };
    public Option<string> Unit { get; } = new("--unit") { Description = "E1 unit code in hex (01 = 0.1 kWh).", DefaultValueFactory = _ => "01" };
    public Option<byte> Digits { get; } = new("--digits") { Description = "D7 effective digits (registers wrap at 10^digits).", DefaultValueFactory = _ => 6 };
    public Option<bool> SinglePhase { get; } = new("--single-phase") { Description = "Single-phase two-wire service (E8 T phase 0x7FFE)." };
    public Option<int> MaxOpc { get; } = new("--max-opc") { Description = "Largest Get OPC the meter answers.", DefaultValueFactory = _ => 6 };
    public Option<string> OverOpc { get; } = new("--over-opc") { Description = "Above --max-opc: sna|drop|answer.", DefaultValueFactory = _ => "sna" };
    public Option<int> Lifetime { get; } = new("--session-lifetime") { Description = "PANA session lifetime the meter grants, s.", DefaultValueFactory = _ => 86400 };
    public Option<string> ReauthBasisOption { get; } = new("--reauth-basis") { Description = "Automatic re-auth at 80 % of: meter|s16.", DefaultValueFactory = _ => "meter" };
    public Option<int> MinScan { get; } = new("--min-scan-duration") { Description = "Smallest SKSCAN duration that finds the meter.", DefaultValueFactory = _ => 4 };
    public Option<bool> Infc { get; } = new("--infc") { Description = "Send the 30-minute EA/EB notification as INFC (0x74)." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[]
        {
            Pty, Tcp, Family, Ascii, Binary, Rssi, Id, Password, Channel, PanId, Mac, DongleMac, Seed, Start, TimeScale, LatencyScale,
            Faults, Stats, Truth, State, Log, Profile, Without, NoReverse, Solar, DailyKwh, ConstantLoad, EnergyKwh, ReverseKwh, Coefficient,
            Unit, Digits, SinglePhase, MaxOpc, OverOpc, Lifetime, ReauthBasisOption, MinScan, Infc,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Turns the parsed command line into options (throws FormatException/ArgumentException on bad values).</summary>
    public SimulatorOptions Build(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
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

        var family = ParseFamily(parse.GetValue(Family));

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

    /// <summary>A simulated dongle family: a name of <see cref="FamilyNames"/> other than "auto"; also <c>broute demo --family</c>.</summary>
    public static DongleFamily ParseFamily(string? text) => FamilyNames.TryParse(text, out var family) && family is { } known
        ? known
        : throw new FormatException($"--family must be one of {FamilyNames.Known}; got '{text}'");

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
        return ok && ch is >= MeterPan.FirstChannel and <= MeterPan.LastChannel ? ch : throw new FormatException($"--channel must be 33–60 (or 0x21–0x3C), got '{text}'");
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
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BRoute.History.MeterClock.Offset);
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
