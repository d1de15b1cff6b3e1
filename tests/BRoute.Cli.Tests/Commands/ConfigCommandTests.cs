using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Tests.Commands;

public sealed class ConfigCommandTests
{
    private const string Id = "ID00112233445566778899AABBCCDDEE";
    private const string Password = "PWDsecret123";

    [Fact]
    public async Task Check_prints_the_effective_settings_masked_and_exits_0()
    {
        var run = await RunAsync(new() { ["BROUTE_DEVICE"] = "/dev/ttyUSB0", ["BROUTE_ID"] = Id, ["BROUTE_PASSWORD"] = Password }, "config", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  device: /dev/ttyUSB0  (BROUTE_DEVICE)", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("configuration ok\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain(Id, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Id[^8..], run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_lists_every_problem_and_exits_2()
    {
        var run = await RunAsync(new() { ["BROUTE_ID"] = Id, ["BROUTE_PASSWORD"] = "short", ["BROUTE__WEB__LISTEN"] = "0.0.0.0:80" }, "config", "check");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("broute config: device: no dongle", run.Error, StringComparison.Ordinal);
        Assert.Contains("broute config: password (from BROUTE_PASSWORD): the B-route password must be 12 characters (got 5)", run.Error, StringComparison.Ordinal);
        Assert.Contains("broute config: web.listen (from BROUTE__WEB__LISTEN): 0.0.0.0:80 can be reached from other machines", run.Error, StringComparison.Ordinal);
        Assert.Contains("broute config: 3 problem(s)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short", run.Error.Replace("shortest", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reads_the_file_named_by_config()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broute-check-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""{ "device": "tcp://127.0.0.1:7001", "id": "{{Id}}", "password": "{{Password}}" }""");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            var run = await RunAsync([], "config", "check", "--config", file);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"config file: {file}", run.Output, StringComparison.Ordinal);
            Assert.Contains($"  device: tcp://127.0.0.1:7001  (config file {file})", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Sample_prints_the_sample_config()
    {
        var run = await RunAsync([], "config", "sample");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SampleConfig.Text, run.Output);
    }

    private static async Task<CliRun> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var home = Directory.CreateTempSubdirectory("broute-home-").FullName;
        try
        {
            var console = new CliConsole(new StringReader(string.Empty), output, error) { Environment = CliEnvironment.From(environment, home) };
            var code = await Program.RunAsync(args, console);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
