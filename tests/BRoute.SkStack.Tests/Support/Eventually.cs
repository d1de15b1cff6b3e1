namespace BRoute.SkStack.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, bounded by the real-time guard.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        using var guard = new CancellationTokenSource(PseudoDongle.Guard);
        while (!condition())
        {
            if (guard.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(1, CancellationToken.None);
        }
    }
}
