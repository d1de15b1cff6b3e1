using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Logging;
using BRoute.SkStack.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.SkStack.Reading;

/// <summary>
/// Turns the byte stream from a dongle into typed <see cref="SkItem"/>s, one at a time, over a <see cref="PipeReader"/>.
/// Never throws for bad input (garbled lines are items); only cancellation and I/O errors of the underlying stream
/// propagate. Memory is bounded by the line and payload caps. Use from one consumer loop.
/// </summary>
public sealed class SkReader
{
    private readonly PipeReader _input;
    private readonly SkParserContext _context;
    private readonly ILogger _logger;
    private int _dataMode; // 0 = detect, 1 + (int)mode otherwise; int for atomic updates from other threads
    private bool _ended;

    public SkReader(PipeReader input, SkReaderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new SkReaderOptions();
        _input = input;
        _context = new SkParserContext(options.MaxLineLength, options.MaxPayloadLength);
        _logger = logger ?? NullLogger.Instance;
        DataMode = options.DataMode;
    }

    /// <summary>ERXUDP data mode: null = detect per line; may be changed while reading (e.g. after ROPT).</summary>
    public ErxudpDataMode? DataMode
    {
        get
        {
            var v = Volatile.Read(ref _dataMode);
            return v == 0 ? null : (ErxudpDataMode)(v - 1);
        }

        set => Volatile.Write(ref _dataMode, value is { } m ? 1 + (int)m : 0);
    }

    /// <summary>Counters.</summary>
    public SkReaderStatistics Statistics { get; } = new();

    /// <summary>The next item, or null when the stream has ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SkItem?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!_ended)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            _context.EndOfStream = result.IsCompleted;
            var item = ParseOne(buffer, out var consumed);
            if (item is not null)
            {
                _input.AdvanceTo(consumed);
                return Count(item);
            }

            var waiting = buffer.Slice(consumed);
            Statistics.ObserveBuffered(waiting.Length);
            if (result.IsCompleted || result.IsCanceled)
            {
                _ended = true;
                _input.AdvanceTo(buffer.End);
                if (!waiting.IsEmpty && !_context.Discarding)
                {
                    return Count(SkLineParser.Garbled(SkLineError.TruncatedAtEndOfStream, waiting));
                }

                return null;
            }

            _input.AdvanceTo(consumed, buffer.End);
        }

        return null;
    }

    /// <summary>All items until the stream ends.</summary>
    public async IAsyncEnumerable<SkItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } item)
        {
            yield return item;
        }
    }

    private SkItem? ParseOne(in ReadOnlySequence<byte> buffer, out SequencePosition consumed)
    {
        _context.DataMode = DataMode;
        var reader = new SequenceReader<byte>(buffer);
        SkLineParser.TryParse(ref reader, _context, out var item);
        consumed = reader.Position;
        if (item is not null && _logger.IsEnabled(LogLevel.Trace))
        {
            var raw = buffer.Slice(0, consumed);
            SkLog.Received(_logger, SkWireText.Format(TrimLineEnds(raw), 4096));
        }

        return item;
    }

    private SkItem Count(SkItem item)
    {
        Statistics.CountItem();
        switch (item)
        {
            case Erxudp:
                Statistics.CountErxudp();
                break;
            case SkGarbledLine garbled:
                Statistics.CountGarbled(garbled.Error == SkLineError.LineTooLong);
                break;
        }

        return item;
    }

    private static ReadOnlySequence<byte> TrimLineEnds(ReadOnlySequence<byte> raw)
    {
        var reader = new SequenceReader<byte>(raw);
        var leading = reader.AdvancePastAny((byte)'\r', (byte)'\n');
        var rest = raw.Slice(leading);
        var length = rest.Length;
        while (length > 0)
        {
            var last = rest.Slice(length - 1, 1).FirstSpan[0];
            if (last is not ((byte)'\r' or (byte)'\n'))
            {
                break;
            }

            length--;
        }

        return rest.Slice(0, length);
    }
}
