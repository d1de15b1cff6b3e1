namespace BRoute.Cli;

/// <summary>The documented, distinct exit codes of <c>broute</c>.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>Unexpected internal error (a bug: please report it).</summary>
    public const int InternalError = 1;

    /// <summary>Bad usage, or input that could not be processed (e.g. a line decode could not explain).</summary>
    public const int UsageOrInput = 2;

    /// <summary>The device could not be opened (no such serial port, TCP refused, dongle vanished).</summary>
    public const int DeviceNotFound = 3;

    /// <summary>PANA authentication failed (EVENT 24): check the B-route ID and password.</summary>
    public const int AuthenticationFailed = 4;

    /// <summary>No radio contact, or the meter did not answer in time.</summary>
    public const int MeterNotAnswering = 5;

    /// <summary>Interrupted by Ctrl-C / SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
