namespace BRoute.SkStack.Errors;

/// <summary>
/// The byte stream to the dongle ended (EOF) or failed (I/O error): the dongle was unplugged, ser2net closed the
/// connection, or the device was disposed. The device is unusable; open a new one.
/// </summary>
public sealed class SkTransportLostException : SkStackException
{
    public SkTransportLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
