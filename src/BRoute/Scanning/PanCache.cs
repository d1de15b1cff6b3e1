using System.Globalization;
using System.Text.Json;
using BRoute.Authentication;
using BRoute.Retry;
using BRoute.SkStack.Grammar;

namespace BRoute.Scanning;

/// <summary>
/// Remembers the meter's PAN between runs so a restart can join without a scan. One JSON file per
/// B-route ID, named after the ID's hash (never the ID), under the XDG state directory. A loaded
/// entry counts only if its pairing ID matches the credentials'; a corrupt or partial file is
/// ignored with a reason, never fatal. Writes go to a temporary file that is then renamed over
/// the old one, so a crash leaves either the old or the new file, never half of one.
/// </summary>
public sealed class PanCache
{
    /// <summary>Files larger than this cannot be a cache entry and are not read.</summary>
    public const int MaxFileBytes = 16 * 1024;

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Uses <paramref name="directory"/> (created on first save) for the cache files.</summary>
    public PanCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    private int _cleanupFailures;

    /// <summary>The folder that holds the cache files.</summary>
    public string Directory { get; }

    /// <summary>Temporary files that a failed save could not remove (they are harmless, but counted).</summary>
    public int CleanupFailures => Volatile.Read(ref _cleanupFailures);

    /// <summary>A cache in the default directory (<see cref="DefaultDirectory()"/>).</summary>
    public static PanCache CreateDefault() => new(DefaultDirectory());

    /// <summary>$XDG_STATE_HOME/broute if that variable holds an absolute path, else ~/.local/state/broute.</summary>
    public static string DefaultDirectory() =>
        ResolveDirectory(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The XDG rule with the environment and home directory passed in (testable).</summary>
    public static string ResolveDirectory(Func<string, string?> getEnvironmentVariable, string home)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var state = getEnvironmentVariable("XDG_STATE_HOME");

        // The XDG base-directory spec says relative paths are invalid and must be ignored.
        if (!string.IsNullOrEmpty(state) && Path.IsPathFullyQualified(state))
        {
            return Path.Combine(state, "broute");
        }

        if (string.IsNullOrEmpty(home))
        {
            home = getEnvironmentVariable("HOME") ?? throw new InvalidOperationException("cannot place the PAN cache: neither XDG_STATE_HOME nor a home directory is set");
        }

        return Path.Combine(home, ".local", "state", "broute");
    }

    /// <summary>The file for these credentials: <c>pan-&lt;sha256 prefix&gt;.json</c>.</summary>
    public string PathFor(Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Path.Combine(Directory, $"pan-{credentials.IdHash}.json");
    }

    /// <summary>Reads the entry for these credentials. Never throws for a missing, unreadable or corrupt file.</summary>
    public async Task<PanCacheLookup> LoadAsync(Credentials credentials, CancellationToken cancellationToken)
    {
        var path = PathFor(credentials);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return PanCacheLookup.Missing();
            }

            if (info.Length > MaxFileBytes)
            {
                return PanCacheLookup.Corrupt($"{path} is {info.Length} bytes, larger than any PAN cache file ({MaxFileBytes} max)");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PanCacheLookup.Corrupt($"{path} could not be read: {e.Message}");
        }

        return Parse(bytes, credentials, path);
    }

    /// <summary>Writes the entry atomically (temporary file, then rename).</summary>
    /// <exception cref="ArgumentException">The entry's pairing ID is not the credentials'.</exception>
    public async Task SaveAsync(Credentials credentials, PanCacheEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!credentials.MatchesPairId(entry.Pan.PairId))
        {
            throw new ArgumentException("the PAN's pairing ID does not match the B-route ID; it would never be loaded", nameof(entry));
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, PrivateDirectory);
        }

        var times = entry.ReplyTimes is { IsPlausible: true } plausible ? plausible : null;
        var file = new PanCacheFile
        {
            Version = PanCacheFile.CurrentVersion,
            Channel = entry.Pan.Channel,
            PanId = entry.Pan.PanId.ToString("X4", CultureInfo.InvariantCulture),
            Mac = entry.Pan.MacHex,
            PairId = entry.Pan.PairId,
            FoundAt = entry.FoundAt,
            DongleFamily = entry.DongleFamily.ToString(),
            ReplySrttMs = times?.Smoothed.TotalMilliseconds,
            ReplyRttvarMs = times?.Variation.TotalMilliseconds,
            ReplySamples = times?.Samples,
            ScanLqi = entry.ScanLqi,
            LastTerminatedAt = entry.LastTerminatedAt,
            Capabilities = PanCacheCapabilities.ToJson(entry.Capabilities, entry.Pan.MacAddress),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, PanCacheJsonContext.Default.PanCacheFile);

        var path = PathFor(credentials);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Forgets the entry (call it when a join with the cached PAN failed). Returns true if a file was removed.
    /// </summary>
    public bool Invalidate(Credentials credentials)
    {
        var path = PathFor(credentials);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    internal static PanCacheLookup Parse(ReadOnlySpan<byte> bytes, Credentials credentials, string path)
    {
        PanCacheFile? file;

        // An editor may have added a UTF-8 byte-order mark; the span overload does not skip it.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            file = JsonSerializer.Deserialize(bytes, PanCacheJsonContext.Default.PanCacheFile);
        }
        catch (JsonException e)
        {
            return PanCacheLookup.Corrupt($"{path} is not valid JSON ({e.Message}); it will be replaced after the next scan");
        }

        if (file is null)
        {
            return PanCacheLookup.Corrupt($"{path} holds JSON null instead of a PAN entry");
        }

        if (file.Version != PanCacheFile.CurrentVersion)
        {
            return PanCacheLookup.Corrupt($"{path} has version {file.Version}; this program reads version {PanCacheFile.CurrentVersion}");
        }

        if (TryBuildEntry(file, out var problem) is { } entry)
        {
            if (!credentials.MatchesPairId(entry.Pan.PairId))
            {
                return new PanCacheLookup(
                    PanCacheStatus.PairIdMismatch,
                    null,
                    $"{path} was written for a different pairing ID (the B-route ID changed); a scan is needed");
            }

            return PanCacheLookup.Hit(entry);
        }

        return PanCacheLookup.Corrupt($"{path} is incomplete or invalid: {problem}");
    }

    /// <summary>Builds the entry, or returns null with the first problem found.</summary>
    private static PanCacheEntry? TryBuildEntry(PanCacheFile file, out string? problem)
    {
        problem = null;
        if (file.Channel is not { } channel || channel < MeterPan.FirstChannel || channel > MeterPan.LastChannel)
        {
            problem = file.Channel is null ? "channel is missing" : $"channel {file.Channel} is outside 33–60";
            return null;
        }

        if (file.PanId is not { Length: 4 } panText
            || !ushort.TryParse(panText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var panId))
        {
            problem = "panId is missing or not 4 hex digits";
            return null;
        }

        if (file.Mac is not { Length: 16 } macText
            || !ulong.TryParse(macText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mac))
        {
            problem = "mac is missing or not 16 hex digits";
            return null;
        }

        if (file.PairId is not { Length: Credentials.PairIdLength } pairId)
        {
            problem = $"pairId is missing or not {Credentials.PairIdLength} characters";
            return null;
        }

        if (file.FoundAt is not { } foundAt)
        {
            problem = "foundAt is missing";
            return null;
        }

        if (file.DongleFamily is null || !Enum.TryParse<DongleFamily>(file.DongleFamily, ignoreCase: false, out var family)
            || !Enum.IsDefined(family) || int.TryParse(file.DongleFamily, out _))
        {
            problem = "dongleFamily is missing or not a known family name";
            return null;
        }

        return new PanCacheEntry(new MeterPan((byte)channel, panId, mac, pairId), foundAt, family) { ReplyTimes = ReadReplyTimes(file), ScanLqi = file.ScanLqi, LastTerminatedAt = file.LastTerminatedAt, Capabilities = PanCacheCapabilities.FromJson(file.Capabilities, mac) };
    }

    /// <summary>The optional reply-time fields; null when any is missing or implausible (the PAN still counts).</summary>
    private static ReplyTimeEstimate? ReadReplyTimes(PanCacheFile file)
    {
        // Range-checked before the TimeSpans are built: a huge number (1e300) would overflow them.
        if (file.ReplySrttMs is not { } srtt || file.ReplyRttvarMs is not { } rttvar || file.ReplySamples is not { } samples
            || !IsPlausibleMs(srtt) || !IsPlausibleMs(rttvar))
        {
            return null;
        }

        var estimate = new ReplyTimeEstimate(TimeSpan.FromMilliseconds(srtt), TimeSpan.FromMilliseconds(rttvar), samples);
        return estimate.IsPlausible ? estimate : null;

        static bool IsPlausibleMs(double ms) => ms >= 0 && ms <= ReplyTimeEstimate.MaxPlausible.TotalMilliseconds; // false for NaN
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed and that exception is what the caller sees; a stray *.tmp
            // file never matches a cache file name, so it is only counted.
            Interlocked.Increment(ref _cleanupFailures);
        }
    }
}
