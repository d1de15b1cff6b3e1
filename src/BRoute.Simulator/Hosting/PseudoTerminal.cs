namespace BRoute.Simulator.Hosting;

/// <summary>
/// A pseudo-terminal pair: posix_openpt/grantpt/unlockpt/ptsname, the slave put in raw mode with
/// cfmakeraw/tcsetattr before anybody can open it, and a slave descriptor held open by us so that the
/// settings persist and the master never reads EIO between clients. The master is a <see cref="Stream"/>.
/// </summary>
internal sealed unsafe class PseudoTerminal : Stream
{
    private readonly int _master;
    private readonly int _slave;
    private int _closed;

    private PseudoTerminal(int master, int slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
    }

    /// <summary>The /dev/pts/N path a client opens.</summary>
    public string SlavePath { get; }

    /// <summary>Blocks the dongle could not write because no client drained the terminal.</summary>
    public long DroppedBlocks { get; private set; }

    public static PseudoTerminal Open()
    {
        var master = Libc.posix_openpt(Libc.ORdwr | Libc.ONoctty);
        if (master < 0)
        {
            throw Libc.Error("posix_openpt");
        }

        try
        {
            if (Libc.grantpt(master) != 0)
            {
                throw Libc.Error("grantpt");
            }

            if (Libc.unlockpt(master) != 0)
            {
                throw Libc.Error("unlockpt");
            }

            var name = stackalloc byte[256];
            if (Libc.ptsname_r(master, name, 256) != 0)
            {
                throw Libc.Error("ptsname_r");
            }

            var path = System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)name)!;
            var slave = Libc.open(path, Libc.ORdwr | Libc.ONoctty);
            if (slave < 0)
            {
                throw Libc.Error($"open {path}");
            }

            var termios = stackalloc byte[256];
            if (Libc.tcgetattr(slave, termios) != 0)
            {
                throw Libc.Error("tcgetattr");
            }

            Libc.cfmakeraw(termios);
            if (Libc.tcsetattr(slave, Libc.TcsaNow, termios) != 0)
            {
                throw Libc.Error("tcsetattr");
            }

            var flags = Libc.fcntl(master, Libc.FGetfl, 0);
            Libc.fcntl(master, Libc.FSetfl, flags | Libc.ONonblock);
            return new PseudoTerminal(master, slave, path);
        }
        catch
        {
            Libc.close(master);
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Factory.StartNew(() => ReadBlocking(buffer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadBlocking(buffer.AsMemory(offset, count), CancellationToken.None);

    private int ReadBlocking(Memory<byte> buffer, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _closed) != 0)
            {
                return 0;
            }

            if (!Poll(Libc.PollIn, 100))
            {
                continue;
            }

            fixed (byte* p = buffer.Span)
            {
                var n = Libc.read(_master, p, (nuint)buffer.Length);
                if (n > 0)
                {
                    return (int)n;
                }

                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (n < 0 && errno is Libc.Eagain or Libc.Eintr)
                {
                    continue;
                }

                if (n < 0 && errno == Libc.Eio)
                {
                    continue; // no slave open at the moment (cannot happen while we hold one; harmless)
                }

                return 0;
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes the whole block; if the client does not drain the terminal for 1 s the rest is dropped.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length && Volatile.Read(ref _closed) == 0)
            {
                var n = Libc.write(_master, start + done, (nuint)(buffer.Length - done));
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (n < 0 && errno == Libc.Eintr)
                {
                    continue;
                }

                if (n < 0 && errno == Libc.Eagain && Poll(Libc.PollOut, 1000))
                {
                    continue;
                }

                DroppedBlocks++;
                return;
            }
        }
    }

    private bool Poll(short events, int timeoutMs)
    {
        var fd = new Libc.PollFd { Fd = _master, Events = events };
        var r = Libc.poll(&fd, 1, timeoutMs);
        return r > 0 && (fd.Revents & events) != 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Libc.close(_slave);
            Libc.close(_master);
        }

        base.Dispose(disposing);
    }
}
