using System.Threading.Channels;
using BRoute.Decoding;

namespace BRoute.Cli.Output;

/// <summary>
/// Hands decoded lines, in order and in batches, to a second thread that prints them, so that reading and decoding the
/// next lines of a log overlaps with formatting and writing the last ones (on two cores, each side has one to itself).
/// <see cref="Flush"/> asks for everything handed over so far to reach standard output (called before the input may
/// wait, so a tailed log still shows each frame at once). An exception of the printing side (e.g. a write that failed)
/// comes back to the caller at the next hand-over or at <see cref="Complete"/>. Not thread-safe on the adding side.
/// </summary>
internal sealed class DecodeReportQueue : IDisposable
{
    private const int BatchSize = 1024;
    private const int BatchesAhead = 8;
    private readonly Channel<Batch> _batches = Channel.CreateBounded<Batch>(
        new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _printer;
    private List<TraceLine> _lines = new(BatchSize);
    private bool _completed;

    /// <param name="print">Prints one line's result (on the printing thread).</param>
    /// <param name="flush">Hands what was printed to standard output (on the printing thread).</param>
    public DecodeReportQueue(Action<TraceLine> print, Action flush)
    {
        ArgumentNullException.ThrowIfNull(print);
        ArgumentNullException.ThrowIfNull(flush);
        _printer = Task.Run(() => PrintAsync(print, flush));
    }

    public void Add(TraceLine line)
    {
        _lines.Add(line);
        if (_lines.Count == BatchSize)
        {
            Send(flush: false);
        }
    }

    /// <summary>Everything added so far is printed and flushed soon, without waiting for more.</summary>
    public void Flush() => Send(flush: true);

    /// <summary>Prints and flushes the rest and waits for it; rethrows what went wrong on the printing side.</summary>
    public void Complete()
    {
        Send(flush: true);
        _completed = true;
        _batches.Writer.TryComplete();
        _printer.GetAwaiter().GetResult();
    }

    /// <summary>Stops the printing side without waiting for the rest to be printed (after a failure on the adding side).</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _batches.Writer.TryComplete();
        try
        {
            _printer.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or ChannelClosedException)
        {
            // The adding side's own exception is the one that matters.
        }
    }

    private void Send(bool flush)
    {
        if (_lines.Count == 0 && !flush)
        {
            return;
        }

        var batch = new Batch(_lines, flush);
        _lines = new List<TraceLine>(BatchSize);
        if (_batches.Writer.TryWrite(batch))
        {
            return;
        }

        try
        {
            _batches.Writer.WriteAsync(batch).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            // The printing side stopped: its exception says why.
            _printer.GetAwaiter().GetResult();
            throw;
        }
    }

    private async Task PrintAsync(Action<TraceLine> print, Action flush)
    {
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                foreach (var line in batch.Lines)
                {
                    print(line);
                }

                if (batch.Flush)
                {
                    flush();
                }
            }
        }
        catch (Exception ex)
        {
            _batches.Writer.TryComplete(ex);
            throw;
        }
    }

    private sealed record Batch(List<TraceLine> Lines, bool Flush);
}
