using System.CommandLine;
using BRoute.Cli.Logging;
using BRoute.Cli.Settings;
using BRoute.Daemon.Configuration;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Running;

/// <summary>
/// Runs a device command's body: resolves <see cref="ConnectionSettings"/> from the layered configuration (problems exit 2,
/// one line each,
/// before anything is opened), prints their warnings, builds the redacting stderr logger, and maps
/// whatever the body throws through <see cref="ErrorMapper"/>. Every message is redacted; stack
/// traces only with --verbose.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>, with <paramref name="options"/> added to it.</summary>
    public static void SetDeviceAction(
        Command command,
        CliConsole console,
        DeviceOptions options,
        CredentialsRequirement requirement,
        Func<DeviceCommandContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(command.Name, parse, console, options, requirement, body, cancellationToken));
    }

    /// <summary>Resolves settings, runs the body and maps its failure to an exit code.</summary>
    public static Task<int> RunAsync(
        string commandName,
        ParseResult parse,
        CliConsole console,
        DeviceOptions options,
        CredentialsRequirement requirement,
        Func<DeviceCommandContext, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(commandName, parse, console, options.Read(parse), console.Environment, requirement, body, cancellationToken);
    }

    /// <summary>
    /// The same, from settings inputs the command built itself (<c>demo</c>: its own simulator, demo
    /// credentials and a temporary state folder) resolved against <paramref name="environment"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        string commandName,
        ParseResult parse,
        CliConsole console,
        SettingsInputs inputs,
        CliEnvironment environment,
        CredentialsRequirement requirement,
        Func<DeviceCommandContext, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(body);
        var error = console.Error;

        // Until the settings are resolved, mask whatever credentials the options and environment hold.
        var redactor = CommandSettings.Redactor(
            [inputs.Id, environment.Get(LayeredConfiguration.IdVariable)],
            [inputs.Password, environment.Get(LayeredConfiguration.PasswordVariable)]);
        SettingsResolution resolution;
        try
        {
            resolution = CommandSettings.Resolve(inputs, environment, requirement);
        }
        catch (ConfigException ex)
        {
            redactor = CommandSettings.Redactor(
                [inputs.Id, environment.Get(LayeredConfiguration.IdVariable), .. ex.IdValues],
                [inputs.Password, environment.Get(LayeredConfiguration.PasswordVariable), .. ex.SecretValues]);
            foreach (var problem in ex.Problems)
            {
                await error.WriteLineAsync($"broute {commandName}: {redactor.Redact(problem)}").ConfigureAwait(false);
            }

            return ExitCodes.UsageOrInput;
        }

        var settings = resolution.Settings;
        redactor = settings.Secrets;
        foreach (var warning in resolution.Warnings)
        {
            await error.WriteLineAsync($"broute {commandName}: warning: {redactor.Redact(warning)}").ConfigureAwait(false);
        }

        var level = settings.Verbose ? LogLevel.Trace : LogLevel.Warning;
        using var provider = new TextWriterLoggerProvider(error, level, redactor, console.Time, settings.Verbose ? null : $"broute {commandName}");
        using var loggerFactory = new LoggerFactory([provider], new LoggerFilterOptions { MinLevel = level });
        var context = new DeviceCommandContext
        {
            CommandName = commandName,
            Parse = parse,
            Settings = settings,
            Console = console,
            LoggerFactory = loggerFactory,
        };
        try
        {
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await ReportAsync(commandName, ex, cancellationToken.IsCancellationRequested, settings.Verbose, redactor, error).ConfigureAwait(false);
        }
    }

    /// <summary>Prints a failure (redacted; stack trace only when verbose) and returns its exit code.</summary>
    public static async Task<int> ReportAsync(string commandName, Exception exception, bool interrupted, bool verbose, SecretRedactor redactor, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(error);
        var failure = ErrorMapper.Map(exception, interrupted);
        var prefix = string.IsNullOrEmpty(commandName) ? "broute" : $"broute {commandName}";
        await error.WriteLineAsync($"{prefix}: {redactor.Redact(failure.Message)}").ConfigureAwait(false);
        if (verbose && failure.ExitCode != ExitCodes.Interrupted)
        {
            await error.WriteLineAsync(redactor.Redact(exception.ToString())).ConfigureAwait(false);
        }

        return failure.ExitCode;
    }
}
