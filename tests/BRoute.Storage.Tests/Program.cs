using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

/// <summary>
/// The test assembly doubles as a child process for the tests that need one: <c>dotnet BRoute.Storage.Tests.dll
/// write-forever PATH</c> (killed with SIGKILL mid-stream by <see cref="KillTests"/>). The test runner itself never calls Main.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "write-forever")
        {
            await ChildWriter.RunAsync(args[1]);
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: BRoute.Storage.Tests write-forever PATH");
        return 2;
    }
}
