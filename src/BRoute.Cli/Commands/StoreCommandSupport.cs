using BRoute.EchonetLite.Meter;
using System.Globalization;
using BRoute.Cli.Running;
using BRoute.Daemon.Configuration;
using BRoute.Storage;

namespace BRoute.Cli.Commands;

/// <summary>What <c>export</c> and <c>status</c> share: finding and opening the store, and reading times the user writes.</summary>
internal static class StoreCommandSupport
{
    private static readonly TimeSpan Jst = MeterTimeZone.Offset;

    /// <summary>The store named by --store, else by the configuration (store.path, state_dir), opened; a clear usage error when there is none.</summary>
    public static MeterStore Open(CliConsole console, string? storeOption, string? configPath)
    {
        string path;
        try
        {
            path = storeOption ?? DaemonSettingsLoader.StorePath(console.Environment.ToConfigInputs(configPath));
        }
        catch (ConfigException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"no store at {path}: 'broute run' creates it; give --store FILE if it is elsewhere");
        }

        try
        {
            return MeterStore.Open(new StoreOptions { Path = path, CheckIntegrityOnOpen = false });
        }
        catch (StoreException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }

    /// <summary>
    /// "2026-11-27" (00:00 JST that day; as an end, 00:00 of the next day, so the day is included), "2026-11-27T19:30"
    /// (JST), or ISO 8601 with an offset.
    /// </summary>
    public static bool TryParseTime(string text, bool end, out DateTimeOffset time)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            time = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Jst).AddDays(end ? 1 : 0);
            return true;
        }

        if (text.Length >= 16 && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Jst);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Today 00:00 JST minus <paramref name="days"/>.</summary>
    public static DateTimeOffset DaysBack(DateTimeOffset now, int days)
    {
        var jst = now.ToOffset(Jst);
        return new DateTimeOffset(jst.Date, Jst).AddDays(-days);
    }
}
