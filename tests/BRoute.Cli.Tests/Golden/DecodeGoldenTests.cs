using System.Diagnostics;
using System.Text;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Golden;

/// <summary>
/// The exact bytes <c>broute decode</c> prints for the seed log, standard output and standard error, in process and
/// (for the JSON, the path that is tuned for speed) through the real process and its pipes.
/// </summary>
public sealed class DecodeGoldenTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "decode-seed", [] },
        { "decode-seed-json", ["--json"] },
        { "decode-seed-scaled", ["--unit", "0x01", "--coefficient", "1"] },
        { "decode-seed-scaled-json", ["--json", "--unit", "0x01", "--coefficient", "1"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Decode_of_the_seed_log_prints_exactly_the_expected_bytes(string name, string[] options)
    {
        var log = await File.ReadAllTextAsync(ReferenceFiles.PathOf("seed-trace.log"));

        var run = await CliRun.InvokeAsync(log, ["decode", .. options]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        GoldenFile.AssertMatches($"{name}.out", run.Output);
        GoldenFile.AssertMatches($"{name}.err", run.Error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_byte_streams_the_process_reads_and_writes_give_the_same_bytes(string name, string[] options)
    {
        var run = await Commands.DecodeByteStreamTests.RunAsync(ReferenceFiles.ReadBytes("seed-trace.log"), ["decode", .. options]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        GoldenFile.AssertMatches($"{name}.out", run.Output);
        GoldenFile.AssertMatches($"{name}.err", run.Error);
    }

    [Theory]
    [InlineData("decode-seed-json", "--json")]
    [InlineData("decode-seed", null)]
    public async Task The_real_process_writes_the_same_bytes_into_a_pipe(string name, string? option)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(BrouteProcess.FindBrouteDll());
        start.ArgumentList.Add("decode");
        if (option is not null)
        {
            start.ArgumentList.Add(option);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await using (var input = process.StandardInput.BaseStream)
        {
            await input.WriteAsync(ReferenceFiles.ReadBytes("seed-trace.log"));
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, process.ExitCode);
        GoldenFile.AssertMatches($"{name}.out", await output);
        GoldenFile.AssertMatches($"{name}.err", await error);
    }
}
