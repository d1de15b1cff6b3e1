using System.Text;
using BRoute.Daemon.Configuration;
using BRoute.Fuzz.Inputs;
using CsCheck;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// The layered configuration (<c>broute run</c>, <c>broute config check</c> and every device command): generated and
/// mutated JSON files, in each place the file can be found, with generated environments and options. Every load gives
/// settings or a <see cref="ConfigException"/> with at least one problem — never another exception — no message or
/// warning shows the planted ID or password, and memory per input is bounded whatever the file or a value holds.
/// </summary>
public static class ConfigTargets
{
    /// <summary>Planted credentials: they may only ever come back masked.</summary>
    public const string PlantedId = "ID00112233445566778899AABBCCDDEE";

    public const string PlantedPassword = "PWDsecret123";

    /// <summary>Allocation allowed per input (the file is capped at 64 KiB; values at a few kB).</summary>
    public const long MaxAllocatedBytes = 64L * 1024 * 1024;

    private static readonly string[] Seeds =
    [
        SampleConfig.Text,
        """{ "device": "/dev/ttyUSB0", "id": "0123456789ABCDEF0123456789ABCDEF", "family": "bp35c2", "state_dir": "/tmp/broute-fuzz", "timeouts": { "request": 10, "join": "45s", "scan_max_duration": 8 } }""",
        """
        // several meters
        { "id": "0123456789ABCDEF0123456789ABCDEF", "password_file": "/nonexistent/pw",
          "meters": [ { "name": "house", "device": "/dev/ttyUSB0" }, { "name": "garage", "device": "tcp://127.0.0.1:7001", "family": "rl7023-dss", }, ],
          "store": { "path": "/tmp/x.db", "sample_retention": "14d", "aggregate_retention": "730d" },
          "mqtt": { "broker": "mqtts://127.0.0.1:8883", "user": "u", "password_file": "/dev/zero", "ca_file": "/nonexistent/ca.pem", "protocol": "3.1.1", "topic_prefix": "home/meter" },
          "web": { "enabled": true, "listen": "0.0.0.0:8765", "token_file": "/dev/null" } }
        """,
        """{ "meters": { "a": { "device": "/dev/a" } }, "timeouts": [1, 2], "web": { "listen": "[::1]:0" }, "a:b": 1 }""",
    ];

    private static readonly string[] Values =
    [
        "", " ", "/dev/ttyUSB0", "tcp://127.0.0.1:7001", "tcp://", "tcp://[::1]:0", "tcp://h:99999", "http://x", "ttyUSB0", "COM3",
        "10", "45s", "1.5m", "500ms", "-1", "0", "1e308", "NaN", "Infinity", "99999999999999999999d", "2h", "14", "15", "14d", "3660d",
        "true", "false", "maybe", "bp35a1", "auto", "RS-WSUHA", "nope", "house", "a b", "meter1",
        "mqtt://127.0.0.1", "mqtts://h:8883", "mqtt://", "mqtt://user:pw@h", "5", "3.1.1", "4",
        "0.0.0.0:8765", "[::1]:8765", "127.0.0.1:99999", "localhost:0", "a/#", "+", "0123456789abcdef0123",
        "/dev/null", "/dev/zero", "/", "/nonexistent/pw", "/proc/self/status", "\u0000", "\uFFFD\uD800", "${HOME}", "%00",
        "0123456789ABCDEF0123456789ABCDEF", "ABCDEFGHIJKL", "ABCDEFGHIJK", "ÅÄÖ漢字", new string('9', 400), new string('a', 5000),
    ];

    private static readonly Gen<string> Value = Gen.Frequency((6, Gen.Int[0, Values.Length - 1].Select(i => Values[i])), (2, Gen.String[0, 40]), (1, Gen.Char["0123456789.smhdSMHD-+e "].Array[0, 12].Select(c => new string(c))));

    private static readonly string[] KeyPaths =
    [
        .. ConfigKeys.Sections.SelectMany(s => s.Value.Select(k => s.Key.Length == 0 ? k : $"{s.Key}:{k}")),
        .. ConfigKeys.Meter.SelectMany(k => new[] { $"meters:0:{k}", $"meters:1:{k}", $"meters:x:{k}" }),
        "meters", "meters:0", "timeouts", "unknown", "mqtt:host", "a::b", ":", "",
    ];

    private static readonly Gen<string> KeyPath = Gen.Frequency((8, Gen.Int[0, KeyPaths.Length - 1].Select(i => KeyPaths[i])), (1, Gen.String[0, 12]));

    /// <summary>A JSON value: a scalar of any kind, or a small object or list of them.</summary>
    private static readonly Gen<string> JsonScalar = Gen.Frequency(
        (6, Value.Select(v => System.Text.Json.JsonSerializer.Serialize(v))),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0")),
        (1, Gen.Int[0, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOfConst("true", "false", "null", "[]", "{}")));

    /// <summary>A generated file: known and unknown keys at the top, in sections and in meter entries, with values of every kind.</summary>
    private static readonly Gen<string> GeneratedJson =
        Gen.Select(KeyPath, JsonScalar).Array[0, 14].Select(pairs =>
        {
            var root = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (path, value) in pairs)
            {
                var parts = path.Split(':');
                var node = root;
                for (var i = 0; i < parts.Length - 1; i++)
                {
                    if (!node.TryGetValue(parts[i], out var child) || child is not Dictionary<string, object> inner)
                    {
                        inner = new Dictionary<string, object>(StringComparer.Ordinal);
                        node[parts[i]] = inner;
                    }

                    node = inner;
                }

                node[parts[^1]] = value;
            }

            return Write(root);
        });

    private static readonly Gen<byte[]> File = Gen.Frequency(
        (5, Mutator.Of([.. Seeds.Select(Encoding.UTF8.GetBytes)])),
        (4, GeneratedJson.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 200]),
        (1, Gen.Int[60_000, 70_000].Select(n => Encoding.UTF8.GetBytes("{ \"device\": \"" + new string('x', n) + "\" }"))));

    private static readonly string[] VariableNames =
    [
        "BROUTE_DEVICE", "BROUTE_ID", "BROUTE_PASSWORD", "BROUTE_FAMILY", "STATE_DIRECTORY", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
        "CREDENTIALS_DIRECTORY", "BROUTE__", "BROUTE____", "broute__device",
    ];

    private static readonly Gen<(string Name, string Value)> Variable = Gen.Frequency(
        (4, Gen.Select(Gen.Int[0, VariableNames.Length - 1], Value).Select(t => (VariableNames[t.Item1], t.Item2))),
        (4, Gen.Select(KeyPath, Value).Select(t => ("BROUTE__" + t.Item1.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(), t.Item2))),
        (2, Gen.OneOfConst(("BROUTE_ID", PlantedId), ("BROUTE_PASSWORD", PlantedPassword), ("BROUTE__METERS__0__PASSWORD", PlantedPassword), ("BROUTE__ID", PlantedId))),
        (1, Gen.Select(Gen.String[0, 20], Gen.String[0, 20]).Select(t => ("BROUTE__" + t.Item1, t.Item2))));

    private static readonly Gen<(string Key, string? Value)[]> Options =
        Gen.Select(Gen.OneOfConst("device", "id", "password", "family", "state_dir", "store:path", "web:listen", "timeouts:request", "timeouts:scan_max_duration"), Value.Null()).Array[0, 4];

    private static readonly ThreadLocal<string> Home = new(() => Directory.CreateTempSubdirectory("broute-fuzz-config-").FullName);

    /// <summary>One input: the file's bytes, where it is, its mode, the environment, the options and the meter asked for.</summary>
    public static FuzzTarget Loader { get; } = new FuzzTarget<(byte[] File, int Place, bool Private, (string Name, string Value)[] Environment, (string Key, string? Value)[] Options, string? Meter)>(
        "config-loader",
        "the layered configuration (daemon, config check, device commands) over mutated and generated JSON files in each place, environments and options: settings or a ConfigException, nothing else; no planted secret in any message; bounded memory",
        Gen.Select(File, Gen.Int[0, 3], Gen.Bool, Variable.Array[0, 8], Options, Gen.OneOfConst<string?>(null, "meter", "house", "garage", "x y")),
        input =>
        {
            var home = Home.Value!;
            var inputs = Prepare(home, input.File, input.Place, input.Private, input.Environment, input.Options);
            var allocated = Expect.Allocated(() =>
            {
                // broute run and config check; then a device command (read … with credentials required, doctor without).
                Check(() => Describe(DaemonSettingsLoader.Load(inputs)));
                Check(() => MeterConnectionLoader.Load(inputs, input.Meter, credentialsRequired: input.Private).ToString());
            });
            Expect.That(allocated <= MaxAllocatedBytes, $"one input allocated {allocated} bytes");
        });

    private static ConfigInputs Prepare(string home, byte[] file, int place, bool isPrivate, (string Name, string Value)[] environment, (string Key, string? Value)[] options)
    {
        var folder = Path.Combine(home, ".config", "broute");
        Directory.CreateDirectory(folder);
        var named = Path.Combine(home, "named.json");
        foreach (var old in new[] { named, Path.Combine(folder, "broute.json"), Path.Combine(folder, "config.json") })
        {
            System.IO.File.Delete(old);
        }

        var path = place switch
        {
            0 => named,
            1 => Path.Combine(folder, "broute.json"),
            2 => Path.Combine(folder, "config.json"),
            _ => null,
        };
        if (path is not null)
        {
            System.IO.File.WriteAllBytes(path, file);
            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(path, isPrivate ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            }
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in options)
        {
            given[key] = value;
        }

        return new ConfigInputs
        {
            ConfigPath = place == 0 ? named : null,
            Environment = variables,
            Options = given,
            HomeDirectory = home,
            SystemConfigPath = string.Empty,
        };
    }

    /// <summary>What <c>broute config check</c> would print, and the warnings.</summary>
    private static string Describe(DaemonSettings settings) => EffectiveSettingsText.Format(settings) + string.Join('\n', settings.Warnings);

    /// <summary>Runs one load: its text (settings or problems) must never hold a planted secret; only a ConfigException may escape the loader.</summary>
    private static void Check(Func<string> load)
    {
        string text;
        try
        {
            text = load();
        }
        catch (ConfigException ex)
        {
            Expect.That(ex.Problems.Count > 0 && ex.Problems.All(p => p.Length > 0), "a ConfigException without a problem");
            text = ex.Message;
        }

        Expect.That(!text.Contains(PlantedPassword, StringComparison.OrdinalIgnoreCase) && !text.Contains(PlantedId, StringComparison.OrdinalIgnoreCase), $"a planted secret in: {text}");
    }

    private static string Write(Dictionary<string, object> node)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in node)
        {
            text.Append(first ? string.Empty : ",").Append(System.Text.Json.JsonSerializer.Serialize(key)).Append(':');
            text.Append(value is Dictionary<string, object> inner ? Write(inner) : (string)value);
            first = false;
        }

        return text.Append('}').ToString();
    }
}
