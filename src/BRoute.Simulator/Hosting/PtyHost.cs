namespace BRoute.Simulator.Hosting;

/// <summary>
/// Serves a simulator on a pseudo-terminal reachable through a symlink (e.g. /tmp/ttyBROUTE), so any serial
/// client can open it like /dev/ttyUSB0. When the dongle vanishes the terminal is closed and the symlink
/// removed; when it reappears a new terminal is created behind the same path. The symlink is removed on exit.
/// </summary>
public static class PtyHost
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires; <paramref name="ready"/> gets each slave path.</summary>
    public static async Task RunAsync(SimulatorHost host, string linkPath, Action<string>? ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(linkPath);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--pty needs Linux pseudo-terminals; use --tcp instead");
        }

        if (File.Exists(linkPath) && new FileInfo(linkPath).LinkTarget is null)
        {
            throw new IOException($"{linkPath} exists and is not a symlink; refusing to replace it");
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await host.WhenPresentAsync(cancellationToken).ConfigureAwait(false);
                using var pty = PseudoTerminal.Open();
                File.Delete(linkPath);
                File.CreateSymbolicLink(linkPath, pty.SlavePath);
                ready?.Invoke(pty.SlavePath);
                try
                {
                    await host.ServeAsync(pty, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    File.Delete(linkPath);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // normal stop
        }
        finally
        {
            File.Delete(linkPath);
        }
    }
}
