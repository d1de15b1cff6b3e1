using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BRoute.Cli.Logging;
using BRoute.Cli.Output;

namespace BRoute.Cli.Support;

/// <summary>
/// Writes a <see cref="SupportReport"/> as <c>broute-support-&lt;timestamp&gt;.zip</c> (or a folder of
/// that name) holding README.txt, findings.txt, findings.json and log.txt. Every value is redacted
/// before it is encoded, and every file's whole text again before it is written, so the B-route ID
/// and password (and any SKSETPWD/SKSETRBID argument) appear nowhere — not in a finding, a key or
/// a log line. The zip is written to a temporary name and renamed, so a half bundle never exists.
/// </summary>
internal static class SupportBundleWriter
{
    public const string ReadmeName = "README.txt";
    public const string FindingsTextName = "findings.txt";
    public const string FindingsJsonName = "findings.json";
    public const string LogName = "log.txt";

    /// <summary>"broute-support-20260115-083000" (the report's time as given).</summary>
    public static string BaseName(DateTimeOffset createdAt) =>
        $"broute-support-{createdAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";

    // Like the PAN cache: the bundle describes this installation (device, meter MAC, log), for its owner only.
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static FileStreamOptions PrivateFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        return options;
    }

    /// <summary>Writes the zip into <paramref name="directory"/> and returns its path.</summary>
    public static async Task<string> WriteZipAsync(SupportReport report, string directory, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = Render(report, redactor);
        Directory.CreateDirectory(directory);
        var path = FreeName(directory, BaseName(report.CreatedAt), ".zip");
        var temporary = path + ".tmp";
        try
        {
            var stream = new FileStream(temporary, PrivateFile(FileMode.Create));
            await using (stream.ConfigureAwait(false))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var (name, text) in files)
                    {
                        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                        entry.LastWriteTime = report.CreatedAt;
                        var entryStream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using (entryStream.ConfigureAwait(false))
                        {
                            await entryStream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return path;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the files into a new folder <c>broute-support-…</c> under <paramref name="parent"/> and returns its path.</summary>
    public static async Task<string> WriteDirectoryAsync(SupportReport report, string parent, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        var files = Render(report, redactor);
        var path = FreeName(parent, BaseName(report.CreatedAt), string.Empty);
        var temporary = path + ".tmp";
        Directory.CreateDirectory(parent);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(temporary);
        }
        else
        {
            Directory.CreateDirectory(temporary, PrivateDirectory);
        }

        try
        {
            foreach (var (name, text) in files)
            {
                var stream = new FileStream(Path.Combine(temporary, name), PrivateFile(FileMode.CreateNew));
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
                }
            }

            Directory.Move(temporary, path);
            return path;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>The bundle's files, name → text, each fully redacted.</summary>
    internal static IReadOnlyList<(string Name, string Text)> Render(SupportReport report, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(redactor);
        var findings = RedactedFindings(report, redactor);
        var log = report.LogLines.Select(redactor.Redact).ToList();
        (string, string)[] files =
        [
            (ReadmeName, Readme(report)),
            (FindingsTextName, FindingsText(findings)),
            (FindingsJsonName, FindingsJson(report, findings, indented: true) + "\n"),
            (LogName, LogText(report, log)),
        ];
        return [.. files.Select(f => (f.Item1, redactor.Redact(f.Item2)))];
    }

    /// <summary>The report's findings with the section, key and value of each redacted (what findings.txt and findings.json show).</summary>
    internal static IReadOnlyList<SupportFinding> RedactedFindings(SupportReport report, SecretRedactor redactor) =>
        [.. report.Findings.Select(f => f with { Section = redactor.Redact(f.Section), Key = redactor.Redact(f.Key), Value = redactor.Redact(f.Value) })];

    /// <summary>The name, or name-2, name-3 … when a bundle of that second already exists.</summary>
    private static string FreeName(string directory, string baseName, string extension)
    {
        var path = Path.Combine(directory, baseName + extension);
        for (var n = 2; File.Exists(path) || Directory.Exists(path); n++)
        {
            path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{baseName}-{n}{extension}"));
        }

        return path;
    }

    private static string Version() =>
        typeof(SupportBundleWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string Readme(SupportReport report) => string.Create(CultureInfo.InvariantCulture, $"""
        broute support bundle
        created {report.CreatedAt:yyyy-MM-dd HH:mm:ss zzz} by broute {Version()} on {Environment.OSVersion} (.NET {Environment.Version})

        {FindingsTextName}  what broute doctor found, by section
        {FindingsJsonName}  the same as JSON (what broute doctor --json prints, without support_bundle and exit_code)
        {LogName}        the recent dialogue with the dongle and the session's log

        The B-route ID, its pairing ID (its last 8 characters, in the scan's EPANDESC lines) and the password
        were masked with asterisks everywhere in these files.
        Look through them before you share them anyway.

        """);

    /// <summary>The findings as text, by section (findings.txt; doctor also prints it).</summary>
    internal static string FindingsText(IReadOnlyList<SupportFinding> findings)
    {
        var text = new StringBuilder();
        foreach (var section in findings.GroupBy(f => f.Section))
        {
            text.Append('[').Append(section.Key).Append("]\n");
            var width = section.Max(f => f.Key.Length);
            foreach (var f in section)
            {
                text.Append("  ").Append(f.Key.PadRight(width)).Append("  ").Append(f.Value.ReplaceLineEndings("\n    ")).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The findings as one JSON object (findings.json; <c>broute doctor --json</c>): created_at, broute_version,
    /// sections (section → key → the value as a string, or as a number where the finding has one; a key found twice
    /// → an array), log_lines, log_lines_dropped, then <paramref name="extra"/> (doctor adds support_bundle, exit_code).
    /// No trailing newline. Values are written as given: redact them first.
    /// </summary>
    internal static string FindingsJson(SupportReport report, IReadOnlyList<SupportFinding> findings, bool indented, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        return CliJson.Write(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("created_at", CliJson.Timestamp(report.CreatedAt));
                writer.WriteString("broute_version", Version());
                writer.WriteStartObject("sections");
                foreach (var section in findings.GroupBy(f => f.Section))
                {
                    writer.WriteStartObject(section.Key);
                    foreach (var f in section.GroupBy(f => f.Key))
                    {
                        // A key found twice keeps every value, in order.
                        if (f.Count() == 1)
                        {
                            writer.WritePropertyName(f.Key);
                            WriteValue(writer, f.First());
                            continue;
                        }

                        writer.WriteStartArray(f.Key);
                        foreach (var value in f)
                        {
                            WriteValue(writer, value);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteNumber("log_lines", report.LogLines.Count);
                writer.WriteNumber("log_lines_dropped", report.DroppedLogLines);
                extra?.Invoke(writer);
                writer.WriteEndObject();
            },
            indented);
    }

    private static void WriteValue(Utf8JsonWriter writer, SupportFinding finding)
    {
        if (finding.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(finding.Value);
        }
    }

    private static string LogText(SupportReport report, IReadOnlyList<string> log)
    {
        var text = new StringBuilder();
        if (report.DroppedLogLines > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"({report.DroppedLogLines} older line(s) not kept)\n");
        }

        foreach (var line in log)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
