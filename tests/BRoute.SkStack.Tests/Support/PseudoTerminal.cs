using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BRoute.SkStack.Tests.Support;

/// <summary>A Linux pseudo-terminal pair: the test drives the master; the slave path is a serial device for the driver.</summary>
internal sealed class PseudoTerminal : IDisposable
{
    private const int ReadWrite = 2;
    private const int NoControllingTerminal = 0x100;

    private PseudoTerminal(FileStream master, string slavePath)
    {
        Master = master;
        SlavePath = slavePath;
    }

    public FileStream Master { get; }

    public string SlavePath { get; }

    public static PseudoTerminal Open()
    {
        var fd = posix_openpt(ReadWrite | NoControllingTerminal);
        if (fd < 0 || grantpt(fd) != 0 || unlockpt(fd) != 0)
        {
            throw new IOException($"cannot create a pseudo-terminal (errno {Marshal.GetLastPInvokeError()})");
        }

        var name = Marshal.PtrToStringAnsi(ptsname(fd)) ?? throw new IOException("ptsname failed");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return new PseudoTerminal(new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0), name);
    }

    public void Dispose() => Master.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr ptsname(int fd);
}
