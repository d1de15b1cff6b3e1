using System.Text;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Settings;

public sealed class ConfigFileTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Broken(string text)
    {
        var path = _dir.Write("config.json", text, Private);
        var ex = Assert.Throws<CliUsageException>(() => ConfigFile.Load(path));
        Assert.StartsWith($"config file {path}: ", ex.Message, StringComparison.Ordinal);
        Planted.AssertAbsent(ex.Message);
        return ex.Message[$"config file {path}: ".Length..];
    }

    [Fact]
    public void Comments_trailing_commas_and_numbers_or_strings_for_timeouts_are_accepted()
    {
        var path = _dir.Write("config.json", """
            // broute
            {
              "device": "/dev/ttyUSB0", /* the stick */
              "family": "bp35a1",
              "timeouts": { "request": 12.5, "join": "1m", "scan_max_duration": 7, },
              "mqtt": { "host": "localhost" },
            }
            """, Private);

        var values = ConfigFile.Load(path);

        Assert.Equal("/dev/ttyUSB0", values.Device);
        Assert.Equal("bp35a1", values.Family);
        Assert.Equal("12.5", values.RequestTimeout);
        Assert.Equal("1m", values.JoinTimeout);
        Assert.Equal("7", values.ScanMaxDuration);
        Assert.Empty(values.Warnings); // other tools' sections are left alone
    }

    [Fact]
    public void Invalid_json_gives_the_place_but_never_quotes_the_file()
    {
        // The reader's own message would quote the 'B' of the unquoted password.
        var problem = Broken($"{{\n  \"id\": \"{Planted.Id}\",\n  \"password\": {Planted.OtherPassword}\n}}");

        Assert.Equal("not valid JSON at line 3, column 15; check quotes, commas and braces", problem);
        Assert.DoesNotContain("'H'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "must hold one JSON object ({ ... }), not a list")]
    [InlineData("{\"device\": 5}", "'device' must be a string, not a number")]
    [InlineData("{\"password\": [\"HUNTER2PASSW\"]}", "'password' must be a string, not a list")]
    [InlineData("{\"timeouts\": 5}", "'timeouts' must be an object like")]
    [InlineData("{\"timeouts\": {\"join\": true}}", "'timeouts.join' must be a number or a string like \"45s\", not true/false")]
    [InlineData("{\"device\": \"a\", \"device\": \"b\"}", "'device' appears more than once")]
    [InlineData("", "not valid JSON")]
    public void Structural_problems_name_the_key(string json, string expected) =>
        Assert.Contains(expected, Broken(json), StringComparison.Ordinal);

    [Fact]
    public void Missing_oversized_and_binary_files_are_refused_clearly()
    {
        var missing = _dir.File("nope.json");
        Assert.Equal($"config file {missing}: not found", Assert.Throws<CliUsageException>(() => ConfigFile.Load(missing)).Message);

        var big = _dir.Write("big.json", "{\"device\": \"" + new string('x', ConfigFile.MaxBytes) + "\"}", Private);
        Assert.Contains("too large for a broute config", Assert.Throws<CliUsageException>(() => ConfigFile.Load(big)).Message, StringComparison.Ordinal);

        var binary = _dir.File("bin.json");
        File.WriteAllBytes(binary, [0x00, 0xFF, 0x10, 0x81]);
        Assert.Contains("not valid JSON", Assert.Throws<CliUsageException>(() => ConfigFile.Load(binary)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_likely_typo_of_a_key_is_warned_about()
    {
        var path = _dir.Write("config.json", $"{{\"pasword\": \"{Planted.OtherPassword}\", \"timeouts\": {{\"joim\": 5}}}}", Private);

        var values = ConfigFile.Load(path);

        Assert.Null(values.Password);
        Assert.Equal(
            [
                $"config file {path}: unknown key 'pasword' ignored; did you mean 'password'?",
                $"config file {path}: unknown key 'timeouts.joim' ignored; did you mean 'timeouts.join'?",
            ],
            values.Warnings);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "can be read by every user on this machine; run: chmod 600")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "can be read by its group; run: chmod 600")]
    public void A_password_in_a_file_others_can_read_is_warned_about(UnixFileMode mode, string expected)
    {
        var path = _dir.Write("config.json", $"{{\"password\": \"{Planted.OtherPassword}\"}}", mode);

        var warning = Assert.Single(ConfigFile.Load(path).Warnings);

        Assert.Equal($"config file {path} holds the B-route password and {expected} {path}", warning);
        Planted.AssertAbsent(warning);
    }

    [Fact]
    public void A_readable_file_without_a_password_or_a_private_one_with_it_gives_no_warning()
    {
        var open = _dir.Write("open.json", "{\"device\": \"/dev/ttyUSB0\"}", Private | UnixFileMode.OtherRead);
        var closed = _dir.Write("closed.json", $"{{\"password\": \"{Planted.OtherPassword}\"}}", Private);

        Assert.Empty(ConfigFile.Load(open).Warnings);
        Assert.Empty(ConfigFile.Load(closed).Warnings);
    }

    [Fact]
    public void Values_text_never_shows_credentials()
    {
        var values = ConfigFile.Parse("x.json", Encoding.UTF8.GetBytes($"{{\"id\": \"{Planted.Id}\", \"password\": \"{Planted.OtherPassword}\"}}"));

        Assert.Equal(Planted.Id, values.Id);
        Planted.AssertAbsent(values.ToString());
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
