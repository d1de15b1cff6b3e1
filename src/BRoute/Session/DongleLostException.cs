namespace BRoute.Session;

/// <summary>
/// The dongle went away (unplugged, ser2net stopped) and could not be opened again within
/// <see cref="Connection.ConnectionOptions.MaxReopenAttempts"/> attempts; or it went away while being prepared
/// (the driver's <c>SkTransportLostException</c> is then the inner exception).
/// </summary>
public sealed class DongleLostException : DongleException
{
    public DongleLostException()
    {
    }

    public DongleLostException(string message)
        : base(message)
    {
    }

    public DongleLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
