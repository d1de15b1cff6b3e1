namespace BRoute.SkStack.Reading;

/// <summary>Counters of one reader (thread-safe reads).</summary>
public sealed class SkReaderStatistics
{
    private long _items;
    private long _erxudp;
    private long _garbled;
    private long _tooLong;
    private long _maxBuffered;

    /// <summary>Items produced, garbled lines included.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>ERXUDP items produced.</summary>
    public long Erxudp => Interlocked.Read(ref _erxudp);

    /// <summary>Lines not understood (garbled, unknown, truncated, too long).</summary>
    public long GarbledLines => Interlocked.Read(ref _garbled);

    /// <summary>Of <see cref="GarbledLines"/>: lines dropped for exceeding the cap.</summary>
    public long OverlongLines => Interlocked.Read(ref _tooLong);

    /// <summary>Largest number of unconsumed bytes the reader held while waiting for the rest of an item.</summary>
    public long MaxBufferedBytes => Interlocked.Read(ref _maxBuffered);

    internal void CountItem() => Interlocked.Increment(ref _items);

    internal void CountErxudp() => Interlocked.Increment(ref _erxudp);

    internal void CountGarbled(bool tooLong)
    {
        Interlocked.Increment(ref _garbled);
        if (tooLong)
        {
            Interlocked.Increment(ref _tooLong);
        }
    }

    internal void ObserveBuffered(long bytes)
    {
        if (bytes > Interlocked.Read(ref _maxBuffered))
        {
            Interlocked.Exchange(ref _maxBuffered, bytes);
        }
    }
}
