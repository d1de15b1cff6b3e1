using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

/// <summary>
/// The test assembly doubles as a child process for the tests that need one: <c>dotnet BRoute.Storage.Tests.dll
/// write-forever PATH</c> (killed with SIGKILL mid-stream by <see cref="KillTests"/>), and <c>measure-year PATH</c>
/// prints the size of one year of one meter (<see cref="YearGenerator"/>). The test runner itself never calls Main.
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

        if (args.Length == 2 && args[0] == "measure-year")
        {
            var r = await YearGenerator.RunAsync(args[1]);
            Console.WriteLine($"{r.Bytes} bytes ({r.Bytes / 1048576.0:F1} MiB): {r.HalfHours} half-hours, {r.Samples} samples, {r.Minutes} one-minute aggregates, {r.Readings} register readings; generated in {r.Took.TotalSeconds:F0} s");
            foreach (var (query, ms, rows) in await YearGenerator.TimeQueriesAsync(args[1]))
            {
                Console.WriteLine($"  {query}: {ms:F1} ms ({rows} rows)");
            }
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: BRoute.Storage.Tests write-forever PATH | measure-year PATH");
        return 2;
    }
}
