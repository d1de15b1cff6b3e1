namespace BRoute;

/// <summary>
/// Root of every exception the meter session client throws on purpose. Messages say what to do
/// next and never contain the B-route ID or password.
/// </summary>
public class BRouteException : Exception
{
    public BRouteException()
    {
    }

    public BRouteException(string message)
        : base(message)
    {
    }

    public BRouteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The B-route ID or password is malformed (wrong length or characters).</summary>
public sealed class InvalidCredentialsException : BRouteException
{
    public InvalidCredentialsException()
    {
    }

    public InvalidCredentialsException(string message)
        : base(message)
    {
    }

    public InvalidCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>PANA authentication failed repeatedly (the meter answered EVENT 24).</summary>
public sealed class AuthenticationFailedException : BRouteException
{
    /// <summary>The message users see; it names the likely cause and the evidence.</summary>
    public const string DefaultMessage = "authentication failed: check the B-route ID and password; the meter answered EVENT 24";

    public AuthenticationFailedException()
        : base(DefaultMessage)
    {
    }

    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The meter could not be reached: no PAN answered the scan, or a join got neither EVENT 25 nor
/// EVENT 24, or requests got no reply after every retry.
/// </summary>
public sealed class MeterUnreachableException : BRouteException
{
    public MeterUnreachableException()
    {
    }

    public MeterUnreachableException(string message)
        : base(message)
    {
    }

    public MeterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
