using System.Globalization;
using System.Text;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.History;

namespace BRoute.Cli.History;

/// <summary>What one <see cref="HistoryCsvFile.Append"/> did.</summary>
/// <param name="Written">Rows added to the file.</param>
/// <param name="AlreadyStored">Rows skipped because their timestamp is in the file.</param>
/// <param name="HeldBack">No-data rows too recent to be final (the meter may still fill them), and future rows.</param>
internal readonly record struct HistoryAppendResult(int Written, int AlreadyStored, int HeldBack);

/// <summary>
/// The CSV file of <c>broute history --out FILE</c>: <c>timestamp,kwh_normal,kwh_reverse,status</c>,
/// one row per 30-minute slot, timestamps ISO 8601 in JST (+09:00), RFC 4180, CR LF.
/// <para>
/// <b>Append with fsync</b>, not temp + rename: each batch (one day) is written with one write of
/// whole lines, then flushed to the disk. A crash can only cut the last line short; the next
/// <see cref="Open"/> cuts such a tail back to the last complete line (a repair, never a duplicate).
/// Rewriting the whole file per day (temp + rename) would cost O(file) per day and break readers
/// that follow the file (<c>tail -f</c>); appending keeps every stored row untouched.
/// </para>
/// <para>
/// Resume: <see cref="Open"/> reads the rows already stored; <see cref="CompleteDays"/> (all 48
/// slots present) feeds the backfill plan and <see cref="Append"/> skips timestamps already there.
/// A file that is not ours (wrong header, a broken row before the last line) is refused, never
/// touched.
/// </para>
/// </summary>
internal sealed class HistoryCsvFile : IDisposable
{
    public const string Header = "timestamp,kwh_normal,kwh_reverse,status";

    /// <summary>Files larger than this are refused (≈ 30 years of half-hours).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>A no-data slot younger than this is not written: the meter may not have recorded it yet.</summary>
    public static readonly TimeSpan PendingGrace = TimeSpan.FromHours(1);

    private readonly FileStream _stream;
    private readonly HashSet<DateTimeOffset> _stored = [];
    private readonly Dictionary<DateOnly, int> _slotsPerDay = [];
    private bool _failed;

    private HistoryCsvFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Rows in the file.</summary>
    public int RowCount => _stored.Count;

    /// <summary>Days (JST) whose 48 slots are all in the file.</summary>
    public IReadOnlySet<DateOnly> CompleteDays =>
        _slotsPerDay.Where(d => d.Value >= HistorySlots.SlotsPerDay).Select(d => d.Key).ToHashSet();

    /// <summary>What <see cref="Open"/> repaired, e.g. "removed an incomplete last line (17 bytes)"; null when nothing.</summary>
    public string? Repair { get; private set; }

    /// <summary>Whether the file contains the slot at <paramref name="timestamp"/>.</summary>
    public bool Contains(DateTimeOffset timestamp) => _stored.Contains(timestamp);

    /// <summary>
    /// Opens or creates the file for appending, reading and checking what it holds and repairing a
    /// cut last line. Raises <see cref="CliUsageException"/> for a file that cannot be used.
    /// </summary>
    public static HistoryCsvFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot open {path} for history: {ex.Message}", ex);
        }

        var file = new HistoryCsvFile(path, stream);
        try
        {
            file.Load();
            return file;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends the rows whose timestamps are not stored yet, oldest first, in one write followed by
    /// an fsync. No-data rows newer than <paramref name="now"/> − <see cref="PendingGrace"/> and rows
    /// after <paramref name="now"/> are held back (a later run gets them).
    /// </summary>
    public HistoryAppendResult Append(IEnumerable<HistoryCsvRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_failed)
        {
            throw new CliUsageException($"{Path}: an earlier write failed; run the command again to resume");
        }

        var fresh = new SortedDictionary<DateTimeOffset, HistoryCsvRow>();
        int already = 0, held = 0;
        foreach (var row in rows)
        {
            if (_stored.Contains(row.Timestamp) || fresh.ContainsKey(row.Timestamp))
            {
                already++;
            }
            else if (row.Timestamp > now || (row.Status == HistoryCsvRow.NoData && row.Timestamp > now - PendingGrace))
            {
                held++;
            }
            else
            {
                fresh.Add(row.Timestamp, row);
            }
        }

        if (fresh.Count > 0)
        {
            var text = new StringBuilder();
            foreach (var row in fresh.Values)
            {
                text.Append(row.ToCsv());
            }

            WriteDurably(Encoding.UTF8.GetBytes(text.ToString()));
            foreach (var row in fresh.Values)
            {
                Remember(row);
            }
        }

        return new HistoryAppendResult(fresh.Count, already, held);
    }

    public void Dispose() => _stream.Dispose();

    private void Load()
    {
        if (_stream.Length > MaxBytes)
        {
            throw new CliUsageException($"{Path} is {_stream.Length} bytes, larger than any history file broute writes ({MaxBytes}); choose another --out");
        }

        var bytes = new byte[_stream.Length];
        _stream.Position = 0;
        _stream.ReadExactly(bytes);

        // Everything after the last LF is a line cut short by a crash (or zero bytes a file system left after one).
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            Repair = string.Create(CultureInfo.InvariantCulture, $"removed an incomplete last line ({bytes.Length - end} bytes) left by an interrupted run");
            _stream.SetLength(end);
            _stream.Flush(flushToDisk: true);
        }

        _stream.Position = end;
        if (end == 0)
        {
            WriteDurably(Encoding.UTF8.GetBytes(Header + CsvText.RecordEnd));
            return;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, end);
        }
        catch (DecoderFallbackException)
        {
            throw new CliUsageException($"{Path} is not a text file, so not a broute history file; choose another --out");
        }

        var lines = text.Split('\n');
        if (lines[0].TrimEnd('\r') != Header)
        {
            throw new CliUsageException($"{Path} is not a broute history file (its first line is not '{Header}'); choose another --out or move the file");
        }

        // lines[^1] is the empty string after the final LF.
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!HistoryCsvRow.TryParse(line, out var row, out var problem))
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{Path} line {i + 1}: {problem}; broute only appends to history files it can read — fix or move the file"));
            }

            Remember(row!);
        }
    }

    private void Remember(HistoryCsvRow row)
    {
        if (_stored.Add(row.Timestamp))
        {
            _slotsPerDay[row.Day] = _slotsPerDay.GetValueOrDefault(row.Day) + 1;
        }
    }

    private void WriteDurably(byte[] bytes)
    {
        var before = _stream.Seek(0, SeekOrigin.End);
        try
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            // A half-written batch (disk full) must not stay in front of the next one; this object
            // writes no more, and if the cut cannot be undone here the next Open repairs it.
            _failed = true;
            var undone = "the incomplete batch was removed";
            try
            {
                _stream.SetLength(before);
            }
            catch (IOException undo)
            {
                undone = $"the incomplete batch could not be removed ({undo.Message}); the next run repairs it";
            }

            throw new CliUsageException($"cannot write {Path}: {ex.Message}; {undone}", ex);
        }
    }
}
