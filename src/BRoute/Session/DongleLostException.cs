namespace BRoute.Session;

/// <summary>
/// The dongle went away (unplugged, ser2net stopped) and could not be opened again within
/// <see cref="Connection.ConnectionOptions.MaxReopenAttempts"/> attempts.
/// </summary>
public sealed class DongleLostException : BRouteException
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
