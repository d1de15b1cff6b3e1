using System.Globalization;

namespace BRoute.Soak;

/// <summary>
/// <c>dotnet run -c Release --project bench/BRoute.Soak -- [--days N] [--seed S] [--faults LIST] [--log LEVEL] [--quiet]</c>: the
/// 30-day soak (issue 13's plan; 7 days or fewer: issue 10's week) and its summary; exit 1 when a half-hour is missing
/// or differs from the meter's.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var days = 30;
        var seed = 7;
        string? faults = null;
        var quiet = false;
        Microsoft.Extensions.Logging.LogLevel? level = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--days" when i + 1 < args.Length:
                    days = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed" when i + 1 < args.Length:
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--faults" when i + 1 < args.Length:
                    faults = args[++i];
                    break;
                case "--log" when i + 1 < args.Length:
                    level = Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(args[++i], ignoreCase: true);
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: BRoute.Soak [--days N] [--seed S] [--faults LIST] [--log LEVEL] [--quiet]").ConfigureAwait(false);
                    return 2;
            }
        }

        var plan = (days <= 7 ? SoakPlan.Week() : SoakPlan.Month()) with { Days = days, Seed = seed, LogLevel = level };
        plan = plan with { Incidents = [.. plan.Incidents.Where(x => x.At < TimeSpan.FromDays(days))] };
        if (faults is not null)
        {
            plan = plan with { Faults = faults };
        }

        Console.WriteLine($"soak: {days} simulated days, faults {plan.Faults}, {plan.Incidents.Count} incidents, seed {seed}");
        var report = await DaemonSoak.RunAsync(plan, quiet ? null : Console.WriteLine).ConfigureAwait(false);
        Console.WriteLine(report);
        return report.Missing.Count == 0 && report.Mismatched.Count == 0 ? 0 : 1;
    }
}
