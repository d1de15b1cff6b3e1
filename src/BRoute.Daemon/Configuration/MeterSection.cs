using System.Text.RegularExpressions;
using BRoute.Authentication;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Transport;

namespace BRoute.Daemon.Configuration;

/// <summary>One meter as configured; <see cref="Credentials"/> is null only when the caller allowed it.</summary>
internal sealed record MeterEntry(string Name, string Device, Credentials? Credentials, DongleFamily? Family);

/// <summary>
/// A meter's keys: the top-level <c>device</c>, <c>id</c>, <c>password</c>, <c>family</c>, <c>name</c> for one meter,
/// or a <c>meters</c> entry (whose missing keys fall back to the top level, except the device). The daemon and the
/// interactive commands read meters through here, so both accept and refuse the same things.
/// </summary>
internal static partial class MeterSection
{
    /// <summary>The config paths of the "meters" entries ("meters:0", "meters:1" …); empty for the single top-level meter.</summary>
    public static List<string> Entries(SettingsReader reader) => [.. reader.Root.GetSection("meters").GetChildren().Select(c => c.Path)];

    /// <summary>The name an entry has (its "name", else "meter1", "meter2" …), without checking it.</summary>
    public static string NameOf(SettingsReader reader, string? prefix, string defaultName) =>
        (prefix is not null ? reader.Peek(prefix + "name") : null) ?? reader.Peek("name") ?? defaultName;

    /// <summary>
    /// Reads and checks one meter; null after recording problems. <paramref name="prefix"/> is "meters:N:" or null for
    /// the top-level meter. <paramref name="optionsFirst"/> (interactive commands): a command-line option beats the
    /// entry's own key. <paramref name="credentialsOptional"/>: no ID and no password at all is allowed (doctor).
    /// </summary>
    public static MeterEntry? Read(SettingsReader reader, ConfigInputs inputs, string? prefix, string defaultName, bool single, bool optionsFirst = false, bool credentialsOptional = false)
    {
        string Key(string name) =>
            prefix is not null && reader.Text(prefix + name) is not null && !(optionsFirst && inputs.HasOption(name)) ? prefix + name : name;
        var problemsBefore = reader.Problems.Count;
        var name = reader.Text(Key("name")) ?? defaultName;
        if (!NamePattern().IsMatch(name))
        {
            reader.Problem(Key("name"), $"'{name}' is not usable as a meter name; use 1 to 32 letters, digits, '-' or '_'");
        }

        var deviceKey = prefix is null || (optionsFirst && inputs.HasOption("device")) ? "device" : prefix + "device";
        var device = reader.Text(deviceKey);
        if (device is null)
        {
            reader.Problems.Add(prefix is null
                ? $"device: no dongle; {(optionsFirst ? "give --device DEV, set BROUTE_DEVICE" : "set BROUTE_DEVICE, give --device")}, or put \"device\" in {Place(reader)} (a serial port such as /dev/ttyUSB0, or tcp://host:port)"
                : $"{SettingsReader.Show(deviceKey)}: missing; each meter needs its own dongle (a serial port such as /dev/ttyUSB0, or tcp://host:port)");
        }
        else
        {
            CheckDevice(reader, deviceKey, device);
        }

        var familyText = reader.Text(Key("family"));
        DongleFamily? family = null;
        if (familyText is not null && !DongleFamilyNames.TryParse(familyText, out family))
        {
            reader.Problem(Key("family"), $"'{familyText}' is not a dongle family; use one of {DongleFamilyNames.Choices}");
        }

        var credentials = ReadCredentials(reader, inputs, prefix, Key, name, single, optionsFirst, credentialsOptional, out var noCredentials);
        return reader.Problems.Count > problemsBefore || device is null || (credentials is null && !noCredentials) ? null : new MeterEntry(name, device, credentials, family);
    }

    /// <summary>"the config file (PATH)", or how to name one.</summary>
    public static string Place(SettingsReader reader) => reader.FilePath is { } path ? $"the config file ({path})" : "the config file";

    private static Credentials? ReadCredentials(SettingsReader reader, ConfigInputs inputs, string? prefix, Func<string, string> key, string name, bool single, bool optionsFirst, bool optional, out bool none)
    {
        none = false;
        var idKey = key("id");
        var id = reader.Text(idKey);
        string[] credentialNames = single ? [$"broute-password-{name}", "broute-password"] : [$"broute-password-{name}"];
        var passwordKey = prefix is not null && !(optionsFirst && inputs.HasOption("password")) && (reader.Text(prefix + "password") is not null || reader.Text(prefix + "password_file") is not null) ? prefix + "password" : "password";
        var password = reader.Secret(passwordKey, passwordKey + "_file", inputs, credentialNames);
        if (optional && id is null && password is null && !reader.Problems.Any(p => p.Contains("password", StringComparison.Ordinal)))
        {
            none = true;
            return null;
        }

        var where = prefix is null ? string.Empty : $" for meter '{name}'";
        if (id is null)
        {
            reader.Problems.Add($"{SettingsReader.Show(idKey)}: the B-route ID{where} is missing; {(optionsFirst ? "give --id ID, set BROUTE_ID" : "set BROUTE_ID")} or put \"id\" in {Place(reader)} (32 characters, from the power company)");
        }

        if (password is null && !reader.Problems.Any(p => p.Contains("password", StringComparison.Ordinal)))
        {
            reader.Problems.Add($"{SettingsReader.Show(passwordKey)}: the B-route password{where} is missing; {(optionsFirst ? "give --password PASSWORD, set BROUTE_PASSWORD" : "set BROUTE_PASSWORD")}, put \"password_file\" in {Place(reader)} (a file holding only the password, chmod 600), or give the systemd credential broute-password (12 characters, from the power company)");
        }

        if (id is null || password is null)
        {
            return null;
        }

        // Credentials' own messages carry lengths and positions, never the values.
        if (!Credentials.TryCreate(id, password, out var credentials, out var error))
        {
            var source = error!.StartsWith("the B-route ID", StringComparison.Ordinal) ? idKey : passwordKey;
            reader.Problem(source, error);
            return null;
        }

        return credentials;
    }

    private static void CheckDevice(SettingsReader reader, string key, string device)
    {
        if (device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                SkTransportFactory.ParseTcp(device);
            }
            catch (SkTransportOpenException ex)
            {
                reader.Problem(key, ex.Message);
            }
        }
        else if (device.Contains("://", StringComparison.Ordinal) || !Path.IsPathFullyQualified(device))
        {
            reader.Problem(key, $"'{device}' is not a device; use a serial device path (e.g. /dev/ttyUSB0) or tcp://host:port");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();
}
