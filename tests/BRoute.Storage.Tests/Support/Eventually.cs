namespace BRoute.Storage.Tests.Support;

/// <summary>Waits for a condition with a timeout, doing <c>step</c> (e.g. advancing a fake clock) between checks.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, Action? step = null, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            step?.Invoke();
            await Task.Delay(5);
        }
    }
}
