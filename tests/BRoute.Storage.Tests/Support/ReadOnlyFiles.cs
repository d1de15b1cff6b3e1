using System.Diagnostics;

namespace BRoute.Storage.Tests.Support;

/// <summary>
/// Makes a file really read-only for this process: mode 0444, and when that is not enough (tests running as root),
/// the immutable attribute (chattr +i). Fails the test if neither works, rather than pretending.
/// </summary>
internal static class ReadOnlyFiles
{
    public static void Make(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Fail("read-only files are tested on Linux (chmod, chattr)");
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (!Writable(path))
        {
            return;
        }

        Run("chattr", "+i", path);
        Assert.False(Writable(path), $"could not make {path} read-only (chmod 0444 and chattr +i both failed)");
    }

    /// <summary>Undoes <see cref="Make"/> on every file under <paramref name="directory"/> so it can be deleted.</summary>
    public static void Release(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (OperatingSystem.IsLinux() && !Writable(file))
            {
                Run("chattr", "-i", file);
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static bool Writable(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // chattr missing: Make's assertion reports it.
        }
    }
}
