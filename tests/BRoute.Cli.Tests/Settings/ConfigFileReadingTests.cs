using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Tests.Settings;

/// <summary>The config file as the device commands read it (the daemon's reader): what it accepts, what it refuses, what it warns about.</summary>
public sealed class ConfigFileReadingTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliEnvironment Env => CliEnvironment.Empty;

    private static SettingsInputs With(string config) => new() { ConfigPath = config, Id = Planted.Id, Password = Planted.Password, Device = "/dev/ttyUSB0", StateDir = "/tmp/broute-state" };

    private string Broken(string text)
    {
        var path = _dir.Write("broute.json", text, Private);
        var ex = Assert.Throws<ConfigException>(() => CommandSettings.Resolve(With(path), Env, CredentialsRequirement.Required));
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"config file {path}: ", problem, StringComparison.Ordinal);
        Planted.AssertAbsent(ex.Message);
        return problem[$"config file {path}: ".Length..];
    }

    [Fact]
    public void Comments_trailing_commas_and_numbers_or_strings_for_timeouts_are_accepted()
    {
        var path = _dir.Write("broute.json", """
            // broute
            {
              "device": "/dev/ttyUSB1", /* the stick */
              "family": "bp35a1",
              "timeouts": { "request": 12.5, "join": "1m", "scan_max_duration": 7, },
            }
            """, Private);

        var (settings, warnings) = CommandSettings.Resolve(new SettingsInputs { ConfigPath = path, Id = Planted.Id, Password = Planted.Password, StateDir = "/tmp/s" }, Env, CredentialsRequirement.Required);

        Assert.Equal("/dev/ttyUSB1", settings.Device);
        Assert.Equal(BRoute.SkStack.Grammar.DongleFamily.Bp35A1, settings.Family);
        Assert.Equal(TimeSpan.FromSeconds(12.5), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.JoinTimeout);
        Assert.Equal(7, settings.ScanMaxDuration);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Invalid_json_gives_the_place_but_never_quotes_the_file()
    {
        // The reader's own message would quote the 'H' of the unquoted password.
        var problem = Broken($"{{\n  \"id\": \"{Planted.Id}\",\n  \"password\": {Planted.OtherPassword}\n}}");

        Assert.Equal("not valid JSON at line 3, column 15; check quotes, commas and braces", problem);
    }

    [Theory]
    [InlineData("[1, 2]", "must hold one JSON object ({ ... }), not array")]
    [InlineData("{\"device\": \"a\", \"device\": \"b\"}", "'device' appears more than once")]
    [InlineData("{\"timeouts\": {\"join\": 1, \"JOIN\": 2}}", "'timeouts.JOIN' appears more than once")]
    [InlineData("", "not valid JSON")]
    public void Structural_problems_name_the_key(string json, string expected) =>
        Assert.Contains(expected, Broken(json), StringComparison.Ordinal);

    [Fact]
    public void A_value_of_the_wrong_kind_names_the_key()
    {
        var path = _dir.Write("broute.json", "{\"timeouts\": {\"join\": true}, \"family\": 5}", Private);
        var ex = Assert.Throws<ConfigException>(() => CommandSettings.Resolve(new SettingsInputs { ConfigPath = path, Id = Planted.Id, Password = Planted.Password, Device = "/dev/ttyUSB0", StateDir = "/tmp/s" }, Env, CredentialsRequirement.Required));

        Assert.Contains(ex.Problems, p => p.StartsWith($"timeouts.join (from config file {path}): 'True' is not usable", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith($"family (from config file {path}): '5' is not a dongle family", StringComparison.Ordinal));
    }

    [Fact]
    public void Oversized_and_binary_files_are_refused_clearly()
    {
        Assert.Contains("too large for a broute config", Broken("{\"device\": \"" + new string('x', LayeredConfiguration.MaxFileBytes) + "\"}"), StringComparison.Ordinal);

        var binary = _dir.File("bin.json");
        File.WriteAllBytes(binary, [0x00, 0xFF, 0x10, 0x81]);
        var ex = Assert.Throws<ConfigException>(() => CommandSettings.Resolve(With(binary), Env, CredentialsRequirement.Required));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_likely_typo_of_a_key_is_warned_about()
    {
        var path = _dir.Write("broute.json", $"{{\"pasword\": \"{Planted.OtherPassword}\", \"timeouts\": {{\"joim\": 5}}}}", Private);

        var (settings, warnings) = CommandSettings.Resolve(With(path), Env, CredentialsRequirement.Required);

        Assert.Equal(Planted.Password, settings.Credentials!.RevealPassword());
        Assert.Equal(
            [
                $"config file {path}: unknown key 'pasword' ignored; did you mean 'password'?",
                $"config file {path}: unknown key 'timeouts.joim' ignored; did you mean 'timeouts.join'?",
            ],
            warnings);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "can be read by every user on this machine; run: chmod 600")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "can be read by its group; run: chmod 600")]
    public void A_password_in_a_file_others_can_read_is_warned_about(UnixFileMode mode, string expected)
    {
        var path = _dir.Write("broute.json", $"{{\"password\": \"{Planted.OtherPassword}\"}}", mode);

        var warning = Assert.Single(CommandSettings.Resolve(With(path), Env, CredentialsRequirement.Required).Warnings);

        Assert.Equal($"config file {path} holds a password and {expected} {path}", warning);
        Planted.AssertAbsent(warning);
    }

    [Fact]
    public void A_readable_file_without_a_password_or_a_private_one_with_it_gives_no_warning()
    {
        var open = _dir.Write("open.json", "{\"device\": \"/dev/ttyUSB0\"}", Private | UnixFileMode.OtherRead);
        var closed = _dir.Write("closed.json", $"{{\"password\": \"{Planted.OtherPassword}\"}}", Private);

        Assert.Empty(CommandSettings.Resolve(With(open), Env, CredentialsRequirement.Required).Warnings);
        Assert.Empty(CommandSettings.Resolve(With(closed), Env, CredentialsRequirement.Required).Warnings);
    }

    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("1.5s", 1.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120.0)]
    [InlineData("1H", 3600.0)]
    [InlineData(" 7 S ", 7.0)]
    public void Durations_parse_with_or_without_a_unit(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("5d")]
    [InlineData("99999999999999999999h")]
    public void Bad_durations_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));
}
