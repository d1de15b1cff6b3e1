namespace BRoute.Simulator.Truth;

/// <summary>
/// Keeps the <c>--truth</c> file: JSON lines, one per half-hour slot of the simulated meter (<see cref="TruthSlot"/>),
/// first every slot of the history it holds at start, then each slot as the simulated clock passes its end (checked
/// every host second and once more on stop). Continuing: the file's slots are kept and only later ones appended, so a
/// restarted simulator of the same meter extends the same file.
/// </summary>
public static class TruthFile
{
    public static async Task RunAsync(SimulatorHost host, string path, TimeProvider time, bool continueExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var last = continueExisting ? LastSlotEnd(path) : null;
        await using var writer = new StreamWriter(path, append: last is not null);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                last = await AppendAsync(host, writer, last).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await AppendAsync(host, writer, last).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the slots after <paramref name="after"/> that have ended; returns the last slot written.</summary>
    public static async Task<DateTimeOffset?> AppendAsync(SimulatorHost host, TextWriter writer, DateTimeOffset? after)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var slot in host.TruthSlots(after))
        {
            await writer.WriteLineAsync(slot.ToJsonLine()).ConfigureAwait(false);
            after = slot.SlotEnd;
        }

        await writer.FlushAsync().ConfigureAwait(false);
        return after;
    }

    /// <summary>The end of the last slot in an existing truth file; null when there is none.</summary>
    public static DateTimeOffset? LastSlotEnd(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var last = File.ReadLines(path).LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return last is null ? null : TruthSlot.TryParse(last)?.SlotEnd;
    }
}
