using System.Globalization;
using BRoute.Fuzz;
using BRoute.Fuzz.Targets;

// dotnet run -c Release --project tools/BRoute.Fuzz -- [all|TARGET ...] [--inputs N] [--threads N] [--seed SEED]
var inputs = 1_000_000L;
var threads = Environment.ProcessorCount;
string? seed = null;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--inputs" when i + 1 < args.Length:
            inputs = long.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--threads" when i + 1 < args.Length:
            threads = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < args.Length:
            seed = args[++i];
            break;
        case "-h" or "--help" or "list":
            Console.WriteLine("usage: BRoute.Fuzz [all|TARGET ...] [--inputs N (1000000)] [--threads N] [--seed SEED]");
            foreach (var t in AllTargets.List)
            {
                Console.WriteLine($"  {t.Name,-18} {t.Description}");
            }

            return 0;
        default:
            names.Add(args[i]);
            break;
    }
}

var chosen = names.Count == 0 || names.Contains("all")
    ? AllTargets.List
    : names.Select(n => AllTargets.List.FirstOrDefault(t => t.Name == n) ?? throw new ArgumentException($"unknown target '{n}': run with 'list'")).ToList();

var failed = 0;
Console.WriteLine($"{"target",-18} {"inputs",10} {"seconds",8} {"inputs/s",10}  result");
foreach (var target in chosen)
{
    var result = target.Run(inputs, threads, seed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Target,-18} {result.Inputs,10} {result.Elapsed.TotalSeconds,8:F1} {result.InputsPerSecond,10:F0}  {(result.Failure is null ? "ok" : "FAILED")}"));
    if (result.Failure is not null)
    {
        failed++;
        Console.WriteLine(result.Failure);
    }
}

return failed == 0 ? 0 : 1;
