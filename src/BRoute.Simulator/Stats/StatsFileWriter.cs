namespace BRoute.Simulator.Stats;

/// <summary>
/// Keeps the <c>--stats</c> JSON file up to date: rewritten every second and once more on stop, atomically
/// (temporary file in the same folder, then rename over the old one).
/// </summary>
public static class StatsFileWriter
{
    public static async Task RunAsync(SimulatorHost host, string path, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                await WriteAsync(host, path, CancellationToken.None).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await WriteAsync(host, path, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the file once.</summary>
    public static async Task WriteAsync(SimulatorHost host, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        await File.WriteAllTextAsync(temp, host.Stats.ToJson(host.Clock.Now), cancellationToken).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
    }
}
