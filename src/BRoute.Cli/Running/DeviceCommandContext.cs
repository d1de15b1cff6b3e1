using System.CommandLine;
using BRoute.Cli.Settings;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Running;

/// <summary>What a device command's body gets: resolved settings, the console, a logger factory writing to standard error (redacted), the clock.</summary>
internal sealed class DeviceCommandContext
{
    public required string CommandName { get; init; }

    public required ParseResult Parse { get; init; }

    public required ConnectionSettings Settings { get; init; }

    public required CliConsole Console { get; init; }

    /// <summary>Loggers for the session and driver: trace level (the dialogue) with --verbose, else warnings only; every line redacted.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    public TextWriter Output => Console.Output;

    public TextWriter Error => Console.Error;

    public TimeProvider Time => Console.Time;

    /// <summary>Writes "broute CMD: warning: …" (redacted) to standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"broute {CommandName}: warning: {Settings.Secrets.Redact(message)}");
}
