using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Install;

/// <summary>
/// <c>./install.sh</c> packs the CLI as a .NET tool and installs it with <c>dotnet tool</c>: the package must be a
/// DotnetTool whose command is <c>broute</c>, carrying the CLI, the libraries below it and the serial port's native part.
/// The pack runs against the build these tests were built with (<c>--no-build</c>), so it costs seconds.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_named_broute()
    {
        using var temp = new TempDirectory();
        var root = RepoRoot.Find();
        // bin/<Configuration>/net10.0/: the configuration the CLI was built in alongside these tests.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "pack", Path.Combine(root, "src", "BRoute.Cli", "BRoute.Cli.csproj"), "-c", configuration, "--no-build", "-o", temp.Path, "-nologo", "-p:Version=0.0.1-test" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var pack = Process.Start(start)!;
        var stdout = pack.StandardOutput.ReadToEndAsync();
        var stderr = pack.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await pack.WaitForExitAsync(timeout.Token);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{await stdout}\n{await stderr}");

        var package = Path.Combine(temp.Path, "BRoute.Cli.0.0.1-test.nupkg");
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.GetEntry("BRoute.Cli.nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("BRoute.Cli", nuspec.Descendants(ns + "id").Single().Value);
        Assert.Equal("DotnetTool", nuspec.Descendants(ns + "packageType").Single().Attribute("name")!.Value);

        var settings = XDocument.Load(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        var command = settings.Descendants("Command").Single();
        Assert.Equal("broute", command.Attribute("Name")!.Value);
        Assert.Equal("broute.dll", command.Attribute("EntryPoint")!.Value);
        Assert.Equal("dotnet", command.Attribute("Runner")!.Value);

        var files = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var file in new[] { "broute.dll", "broute.runtimeconfig.json", "BRoute.Client.dll", "BRoute.SkStack.dll", "BRoute.EchonetLite.dll", "BRoute.Simulator.dll", "System.CommandLine.dll", "runtimes/linux-x64/native/libSystem.IO.Ports.Native.so" })
        {
            Assert.Contains($"tools/net10.0/any/{file}", files);
        }

        // Nothing of the tests or benchmarks is shipped.
        Assert.DoesNotContain(files, f => f.Contains("Tests", StringComparison.Ordinal) || f.Contains("xunit", StringComparison.OrdinalIgnoreCase) || f.Contains("Benchmark", StringComparison.Ordinal));
    }
}
