namespace BRoute.Cli;

/// <summary>One documented exit code.</summary>
/// <param name="Code">The process exit code.</param>
/// <param name="Name">The constant's name in <see cref="ExitCodes"/>.</param>
/// <param name="Meaning">What it tells the user, as printed by <c>broute help exit-codes</c>.</param>
public sealed record ExitCodeInfo(int Code, string Name, string Meaning, string Brief);

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

    /// <summary>Every exit code with its meaning and a two-word brief, in ascending order (for help texts and the README).</summary>
    public static IReadOnlyList<ExitCodeInfo> All { get; } =
    [
        new(Success, nameof(Success), "success", "ok"),
        new(InternalError, nameof(InternalError), "internal error, or the dongle refused a command (FAIL ERxx): a bug — please report it with the --verbose output", "internal error"),
        new(UsageOrInput, nameof(UsageOrInput), "bad usage or configuration: unknown option or value, missing device or credentials, broken config file, unknown property name, unusable output file, or input that decode could not explain", "usage/config"),
        new(DeviceNotFound, nameof(DeviceNotFound), "the device could not be opened or was lost: no such serial port, permission denied, port busy, TCP connection refused, dongle unplugged", "device not found"),
        new(AuthenticationFailed, nameof(AuthenticationFailed), "authentication failed (the meter answered EVENT 24): check the B-route ID and password", "authentication failed"),
        new(MeterNotAnswering, nameof(MeterNotAnswering), "the meter did not answer: no PAN found by the scan, no radio contact, requests or dongle commands timed out", "meter not answering"),
        new(Interrupted, nameof(Interrupted), "interrupted by Ctrl-C or SIGTERM (the session was closed cleanly when possible)", "interrupted"),
    ];
}
