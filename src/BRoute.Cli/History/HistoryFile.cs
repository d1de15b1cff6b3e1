using System.Globalization;
using System.Text;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Monitoring;

namespace BRoute.Cli.History;

/// <summary>How <c>broute history</c> writes its rows.</summary>
internal enum HistoryFormat
{
    /// <summary>RFC 4180 CSV with a header line, CR LF.</summary>
    Csv,

    /// <summary>JSON Lines: one object per slot, LF.</summary>
    Json,
}

/// <summary>What one <see cref="HistoryFile.Append"/> did.</summary>
/// <param name="Written">Rows added to the file.</param>
/// <param name="AlreadyStored">Rows skipped because their timestamp is in the file.</param>
/// <param name="HeldBack">No-data rows too recent to be final (the meter may still fill them), and future rows.</param>
internal readonly record struct HistoryAppendResult(int Written, int AlreadyStored, int HeldBack);

/// <summary>
/// The file of <c>broute history --out FILE</c>: one row per 30-minute slot (<see cref="HistoryRow"/>), timestamps
/// ISO 8601 in JST (+09:00), as CSV (<see cref="HistoryRow.CsvHeader"/>, RFC 4180, CR LF) or JSON Lines. A CSV file
/// written before the consumption columns existed (<see cref="HistoryRow.LegacyCsvHeader"/>) is resumed in its own
/// four columns.
/// <para>
/// <b>Append with fsync</b>, not temp + rename: each batch (one day) is written with one write of
/// whole lines, then flushed to the disk. A crash can only cut the last line short; the next
/// <see cref="Open"/> cuts such a tail back to the last complete line (a repair, never a duplicate).
/// Rewriting the whole file per day (temp + rename) would cost O(file) per day and break readers
/// that follow the file (<c>tail -f</c>); appending keeps every stored row untouched.
/// </para>
/// <para>
/// Resume: <see cref="Open"/> reads the rows already stored; the library's gap logic asks which slots are there
/// (<see cref="IHalfHourSlots"/>) and fetches the rest, and <see cref="Append"/> skips timestamps already there.
/// A file that is not ours (wrong header, a broken row before the last line) is refused, never touched.
/// </para>
/// </summary>
internal sealed class HistoryFile : IHalfHourSlots, IDisposable
{
    /// <summary>Files larger than this are refused (≈ 30 years of half-hours).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>A no-data slot younger than this is not written: the meter may not have recorded it yet.</summary>
    public static readonly TimeSpan PendingGrace = TimeSpan.FromHours(1);

    private readonly FileStream _stream;
    private readonly Dictionary<DateTimeOffset, HistoryRow> _stored = [];
    private bool _failed;

    private HistoryFile(string path, FileStream stream, HistoryFormat format)
    {
        Path = path;
        _stream = stream;
        Format = format;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>CSV or JSON Lines.</summary>
    public HistoryFormat Format { get; }

    /// <summary>False for a CSV file written before the consumption columns: its rows keep the four old columns.</summary>
    public bool WritesDeltas { get; private set; } = true;

    /// <summary>Rows in the file.</summary>
    public int RowCount => _stored.Count;

    /// <summary>The rows in the file (any order).</summary>
    public IEnumerable<HistoryRow> Rows => _stored.Values;

    /// <summary>What <see cref="Open"/> repaired, e.g. "removed an incomplete last line (17 bytes)"; null when nothing.</summary>
    public string? Repair { get; private set; }

    /// <summary>Whether the file contains the slot at <paramref name="timestamp"/>.</summary>
    public bool Contains(DateTimeOffset timestamp) => _stored.ContainsKey(timestamp);

    /// <inheritdoc/>
    /// <remarks>One file holds one meter's history: the meter is not checked.</remarks>
    public Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<DateTimeOffset>>(_stored.Keys.Where(t => t >= from && t <= to).ToHashSet());

    /// <summary>
    /// Opens or creates the file for appending, reading and checking what it holds and repairing a
    /// cut last line. Raises <see cref="CliUsageException"/> for a file that cannot be used, or that holds the other format.
    /// </summary>
    public static HistoryFile Open(string path, HistoryFormat format = HistoryFormat.Csv)
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

        var file = new HistoryFile(path, stream, format);
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
    public HistoryAppendResult Append(IEnumerable<HistoryRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_failed)
        {
            throw new CliUsageException($"{Path}: an earlier write failed; run the command again to resume");
        }

        var fresh = new SortedDictionary<DateTimeOffset, HistoryRow>();
        int already = 0, held = 0;
        foreach (var row in rows)
        {
            if (_stored.ContainsKey(row.Timestamp) || fresh.ContainsKey(row.Timestamp))
            {
                already++;
            }
            else if (row.Timestamp > now || (row.Status == HistoryRow.NoData && row.Timestamp > now - PendingGrace))
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
                text.Append(Format == HistoryFormat.Json ? row.ToJsonLine() : row.ToCsv(WritesDeltas));
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
            if (Format == HistoryFormat.Csv)
            {
                WriteDurably(Encoding.UTF8.GetBytes(HistoryRow.CsvHeader + CsvText.RecordEnd));
            }

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
        var first = lines[0].TrimEnd('\r');
        var held = first.StartsWith('{') ? HistoryFormat.Json : HistoryFormat.Csv;
        if (held == HistoryFormat.Csv && first is not (HistoryRow.CsvHeader or HistoryRow.LegacyCsvHeader))
        {
            throw new CliUsageException($"{Path} is not a broute history file (its first line is neither a JSON object nor '{HistoryRow.CsvHeader}'); choose another --out or move the file");
        }

        if (held != Format)
        {
            throw new CliUsageException(held == HistoryFormat.Csv
                ? $"{Path} holds CSV history; run without --json to resume it, or choose another --out"
                : $"{Path} holds JSON Lines history; add --json to resume it, or choose another --out");
        }

        WritesDeltas = first != HistoryRow.LegacyCsvHeader;
        var columns = WritesDeltas ? 6 : 4;

        // lines[^1] is the empty string after the final LF.
        for (var i = held == HistoryFormat.Csv ? 1 : 0; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            HistoryRow? row;
            string? problem;
            var parsed = held == HistoryFormat.Json
                ? HistoryRow.TryParseJson(line, out row, out problem)
                : HistoryRow.TryParseCsv(line, columns, out row, out problem);
            if (!parsed)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{Path} line {i + 1}: {problem}; broute only appends to history files it can read — fix or move the file"));
            }

            Remember(row!);
        }
    }

    private void Remember(HistoryRow row) => _stored.TryAdd(row.Timestamp, row);

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
