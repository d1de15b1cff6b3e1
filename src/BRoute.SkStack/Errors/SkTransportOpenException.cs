namespace BRoute.SkStack.Errors;

/// <summary>The device string could not be opened (no such device, permission denied, connection refused …).</summary>
public sealed class SkTransportOpenException : SkStackException
{
    public SkTransportOpenException(string device, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Device = device;
    }

    /// <summary>The device string as given (<c>/dev/ttyUSB0</c>, <c>tcp://host:port</c>).</summary>
    public string Device { get; }
}
