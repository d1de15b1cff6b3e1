namespace BRoute.Mqtt.Tests.Support;

/// <summary>Waits on a condition with a timeout (never a fixed sleep): polls, optionally advancing a fake clock each round.</summary>
internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition, string what, Action? eachRound = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, eachRound);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Action? eachRound = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}");
            }

            eachRound?.Invoke();
            await Task.Yield();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
