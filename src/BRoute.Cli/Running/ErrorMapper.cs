using BRoute.Session;
using BRoute.SkStack.Errors;

namespace BRoute.Cli.Running;

/// <summary>What a failed command prints (after redaction) and the exit code it returns.</summary>
internal sealed record CliFailure(int ExitCode, string Message);

/// <summary>
/// The one place where exceptions become exit codes: usage/config → 2, device cannot be opened or
/// was lost → 3, authentication failed → 4, meter or dongle did not answer → 5, Ctrl-C/SIGTERM →
/// 130, anything else → 1 ("internal error … please report").
/// </summary>
internal static class ErrorMapper
{
    public const string ReportHint = "please report it with the output of --verbose";

    /// <param name="exception">What the command threw.</param>
    /// <param name="interrupted">True when the command's token was cancelled by Ctrl-C/SIGTERM.</param>
    public static CliFailure Map(Exception exception, bool interrupted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception switch
        {
            OperationCanceledException when interrupted => new(ExitCodes.Interrupted, "interrupted"),
            CliUsageException usage => new(ExitCodes.UsageOrInput, usage.Message),
            InvalidCredentialsException bad => new(ExitCodes.UsageOrInput, bad.Message),
            // What the session throws (the driver's exceptions wrapped at its edge), then the driver's own for the
            // commands that talk to a bare SkDevice (doctor, probe): both give the same exit code and text.
            DeviceOpenException open => new(ExitCodes.DeviceNotFound, open.Message),
            DongleNotAnsweringException silent => new(ExitCodes.MeterNotAnswering, $"the dongle did not answer: {silent.Message}"),
            DongleCommandException failed => new(ExitCodes.InternalError, $"dongle error: {failed.Message}; run 'broute doctor' and, if it persists, {ReportHint}"),
            SkTransportOpenException open => new(ExitCodes.DeviceNotFound, open.Message),
            SkTransportLostException lost => new(ExitCodes.DeviceNotFound, $"lost the dongle: {lost.Message}"),
            DongleLostException gone => new(ExitCodes.DeviceNotFound, $"lost the dongle: {gone.Message}"),
            AuthenticationFailedException auth => new(ExitCodes.AuthenticationFailed, auth.Message),
            MeterUnreachableException unreachable => new(ExitCodes.MeterNotAnswering, unreachable.Message),
            SkTimeoutException timeout => new(ExitCodes.MeterNotAnswering, $"the dongle did not answer: {timeout.Message}"),
            TimeoutException timeout => new(ExitCodes.MeterNotAnswering, timeout.Message),
            SkCommandFailedException or SkUnexpectedResponseException => new(ExitCodes.InternalError, $"dongle error: {exception.Message}; run 'broute doctor' and, if it persists, {ReportHint}"),
            BRouteException other => new(ExitCodes.InternalError, $"{other.Message}; if this looks wrong, {ReportHint}"),
            _ => new(ExitCodes.InternalError, $"internal error: {exception.GetType().Name}: {exception.Message}; {ReportHint}"),
        };
    }
}
