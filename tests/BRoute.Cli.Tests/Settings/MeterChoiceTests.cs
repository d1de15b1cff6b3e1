using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.Daemon.Configuration;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Settings;

/// <summary>With several meters in the config, a device command reads the one named by --meter, or the only one.</summary>
public sealed class MeterChoiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _config;

    public MeterChoiceTests()
    {
        _config = _dir.Write("broute.json", $$"""
            {
              "id": "{{Planted.Id}}", "password": {{System.Text.Json.JsonSerializer.Serialize(Planted.Password)}}, "family": "bp35a1",
              "meters": [
                { "name": "house", "device": "/dev/ttyUSB0" },
                { "name": "garage", "device": "tcp://127.0.0.1:7001", "family": "rl7023-dss", "id": "{{Planted.OtherId}}" },
              ],
            }
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _dir.Dispose();

    private CliEnvironment Env(params (string Name, string Value)[] variables) =>
        CliEnvironment.From(variables.ToDictionary(v => v.Name, v => v.Value), homeDirectory: _dir.File("home"));

    private SettingsResolution Resolve(SettingsInputs inputs, CliEnvironment? env = null) =>
        CommandSettings.Resolve(inputs with { ConfigPath = _config }, env ?? Env(), CredentialsRequirement.Required);

    private string Fails(SettingsInputs inputs)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve(inputs));
        Planted.AssertAbsent(ex.Message);
        return Assert.Single(ex.Problems);
    }

    [Fact]
    public void The_named_meter_is_read_with_the_top_level_keys_as_its_defaults()
    {
        var (garage, warnings) = Resolve(new SettingsInputs { Meter = "GARAGE" });

        Assert.Equal("garage", garage.MeterName);
        Assert.Equal("tcp://127.0.0.1:7001", garage.Device);
        Assert.Equal(DongleFamily.Rl7023Dss, garage.Family);
        Assert.Equal(Planted.OtherId, garage.Credentials!.RevealId());
        Assert.Equal(Planted.Password, garage.Credentials.RevealPassword());
        Assert.Equal($"config file {_config}", garage.Sources["device"]);
        Assert.Empty(warnings);

        var (house, _) = Resolve(new SettingsInputs { Meter = "house" });
        Assert.Equal("/dev/ttyUSB0", house.Device);
        Assert.Equal(DongleFamily.Bp35A1, house.Family);
        Assert.Equal(Planted.Id, house.Credentials!.RevealId());
    }

    [Fact]
    public void Without_meter_several_meters_say_which_to_pick()
    {
        Assert.Equal("meters: 2 meters are configured; pick one with --meter NAME (house, garage)", Fails(new SettingsInputs()));
        Assert.Equal("meter (from --meter): no meter named 'shed'; pick one with --meter NAME (house, garage)", Fails(new SettingsInputs { Meter = "shed" }));
    }

    [Fact]
    public void Command_line_options_beat_the_chosen_meters_own_keys()
    {
        var (garage, _) = Resolve(new SettingsInputs { Meter = "garage", Device = "/dev/ttyACM0", Family = "bp35c2", Id = Planted.Id });

        Assert.Equal("/dev/ttyACM0", garage.Device);
        Assert.Equal(DongleFamily.Bp35C2, garage.Family);
        Assert.Equal(Planted.Id, garage.Credentials!.RevealId());
        Assert.Equal("--device", garage.Sources["device"]);
    }

    [Fact]
    public void The_environments_device_is_ignored_with_a_warning_when_meters_name_theirs()
    {
        var (house, warnings) = Resolve(new SettingsInputs { Meter = "house" }, Env(("BROUTE_DEVICE", "/dev/ttyS0")));

        Assert.Equal("/dev/ttyUSB0", house.Device);
        Assert.StartsWith("device (from BROUTE_DEVICE) is ignored", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_meter_is_used_without_meter_and_meter_must_match_its_name()
    {
        var single = _dir.Write("one.json", $$"""{ "name": "flat", "device": "/dev/ttyUSB3", "id": "{{Planted.Id}}", "password": {{System.Text.Json.JsonSerializer.Serialize(Planted.Password)}} }""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = Env();

        Assert.Equal("flat", CommandSettings.Resolve(new SettingsInputs { ConfigPath = single }, env, CredentialsRequirement.Required).Settings.MeterName);
        Assert.Equal("/dev/ttyUSB3", CommandSettings.Resolve(new SettingsInputs { ConfigPath = single, Meter = "flat" }, env, CredentialsRequirement.Required).Settings.Device);
        var ex = Assert.Throws<ConfigException>(() => CommandSettings.Resolve(new SettingsInputs { ConfigPath = single, Meter = "house" }, env, CredentialsRequirement.Required));
        Assert.Equal("meter (from --meter): no meter named 'house'; the configuration has one, 'flat': give --meter flat or leave --meter out", Assert.Single(ex.Problems));
    }
}
