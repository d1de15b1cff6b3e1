using System.Threading.Channels;

namespace BRoute.Session;

/// <summary>Fans notifications out to every current subscriber, each with its own bounded buffer (oldest dropped, counted).</summary>
internal sealed class NotificationHub(int capacity, SessionCounters counters)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<SessionNotification>> _subscribers = [];
    private bool _completed;

    public Channel<SessionNotification> Subscribe()
    {
        var channel = Channel.CreateBounded<SessionNotification>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => counters.NotificationOverflow());
        lock (_lock)
        {
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(channel);
            }
        }

        return channel;
    }

    public void Unsubscribe(Channel<SessionNotification> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    public void Publish(SessionNotification notification)
    {
        lock (_lock)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(notification);
            }
        }
    }

    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            foreach (var s in _subscribers)
            {
                s.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }
}
