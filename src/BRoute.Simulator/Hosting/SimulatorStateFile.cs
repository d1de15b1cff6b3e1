using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BRoute.Simulator.Hosting;

/// <summary>
/// The <c>--state</c> file: what makes a restarted simulator the same meter. The meter's registers and history are a
/// pure function of its clock and the options (seed, household, coefficient …), so only the clock's origin needs
/// keeping: the simulated start and the host instant it corresponds to. Written once, when the meter is new; read on
/// every later start. A file made with another seed or time scale is refused (it describes another meter).
/// </summary>
public static class SimulatorStateFile
{
    /// <summary>
    /// The options continuing the meter of <paramref name="path"/>, or, when there is no such file yet, the options
    /// with their clock origin fixed to <paramref name="now"/> and the file written.
    /// </summary>
    /// <exception cref="FormatException">The file is unreadable or belongs to a meter with another seed, time scale or start.</exception>
    public static SimulatorOptions LoadOrCreate(string path, SimulatorOptions options, DateTimeOffset now, out bool continued)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            var fresh = options with { Start = options.Start ?? now, HostStart = now };
            var json = new JsonObject
            {
                ["start"] = fresh.Start!.Value.ToString("O", CultureInfo.InvariantCulture),
                ["host_start"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["seed"] = options.Seed,
                ["time_scale"] = options.TimeScale,
            };
            var full = Path.GetFullPath(path);
            var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            File.WriteAllText(temp, json.ToJsonString() + "\n");
            File.Move(temp, full, overwrite: false);
            continued = false;
            return fresh;
        }

        var (start, hostStart, seed, scale) = Read(path);
        if (seed != options.Seed || scale != options.TimeScale || (options.Start is { } given && given != start))
        {
            throw new FormatException(
                $"state file {path} belongs to another meter (seed {seed}, time scale {scale.ToString(CultureInfo.InvariantCulture)}, start {start:O}): " +
                "start with the same --seed, --time-scale and --start to continue it, or delete the file to start a new meter");
        }

        continued = true;
        return options with { Start = start, HostStart = hostStart };
    }

    /// <summary>
    /// The clock of the meter whose state file is <paramref name="path"/>, for a client in another process
    /// (<c>broute run --simulated-clock</c>): it reads what the simulator's meter reads, timers included.
    /// </summary>
    /// <exception cref="FormatException">The file is unreadable, or its meter's clock is frozen (time scale 0).</exception>
    /// <exception cref="FileNotFoundException">There is no such file (start the simulator with <c>--state</c> first).</exception>
    public static Timing.SimulatedTimeProvider ReadClock(string path, TimeProvider? host = null)
    {
        var (start, hostStart, _, scale) = Read(path);
        if (!(scale > 0))
        {
            throw new FormatException($"state file {path} is of a meter whose clock is frozen (time scale {scale.ToString(CultureInfo.InvariantCulture)}); a client cannot follow it");
        }

        return new Timing.SimulatedTimeProvider(start, hostStart, scale, host);
    }

    private static (DateTimeOffset Start, DateTimeOffset HostStart, ulong Seed, double Scale) Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return (
                DateTimeOffset.Parse((string)root["start"]!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse((string)root["host_start"]!, CultureInfo.InvariantCulture),
                (ulong)root["seed"]!,
                (double)root["time_scale"]!);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NullReferenceException or InvalidCastException)
        {
            throw new FormatException($"state file {path} is not a simulator state ({ex.Message}); delete it to start a new meter");
        }
    }
}
