using BRoute.SkStack.Errors;

namespace BRoute;

/// <summary>
/// The dongle (not the meter) failed: the session wraps the driver's <see cref="SkStackException"/> in one of the
/// subtypes below at its edge, so a library user catches <see cref="BRouteException"/> alone. The driver's exception
/// is the <see cref="Exception.InnerException"/>; the message is its message (it already says what to do).
/// </summary>
public class DongleException : BRouteException
{
    public DongleException()
    {
    }

    public DongleException(string message)
        : base(message)
    {
    }

    public DongleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The device cannot be opened (no such serial port, permission denied, TCP refused): is the dongle plugged in?</summary>
public sealed class DeviceOpenException : DongleException
{
    public DeviceOpenException()
    {
    }

    public DeviceOpenException(string message)
        : base(message)
    {
    }

    public DeviceOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The dongle gave no complete answer to a command within its timeout.</summary>
public sealed class DongleNotAnsweringException : DongleException
{
    public DongleNotAnsweringException()
    {
    }

    public DongleNotAnsweringException(string message)
        : base(message)
    {
    }

    public DongleNotAnsweringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The dongle refused a command (<c>FAIL ERxx</c>) or answered something the command does not expect.</summary>
public sealed class DongleCommandException : DongleException
{
    public DongleCommandException()
    {
    }

    public DongleCommandException(string message)
        : base(message)
    {
    }

    public DongleCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Turns the driver's exceptions into the session's (the one place that does).</summary>
internal static class DongleErrors
{
    /// <summary>The <see cref="BRouteException"/> for <paramref name="error"/>, with it as the inner exception.</summary>
    public static BRouteException Wrap(SkStackException error) => error switch
    {
        SkTransportOpenException => new DeviceOpenException(error.Message, error),
        SkTransportLostException => new Session.DongleLostException(error.Message, error),
        SkTimeoutException => new DongleNotAnsweringException(error.Message, error),
        _ => new DongleCommandException(error.Message, error),
    };
}
