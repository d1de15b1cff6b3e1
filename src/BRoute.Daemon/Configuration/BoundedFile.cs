namespace BRoute.Daemon.Configuration;

/// <summary>
/// Reads a small file without trusting its reported length: a device such as /dev/zero reports 0 bytes and never
/// ends, so the read stops one byte past the cap whatever the file is.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The file's bytes, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read (or is a folder).</exception>
    public static byte[]? Read(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var buffer = new byte[maxBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total > maxBytes ? null : buffer[..total];
    }
}
