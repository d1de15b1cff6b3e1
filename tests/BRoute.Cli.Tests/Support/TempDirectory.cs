namespace BRoute.Cli.Tests.Support;

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "broute-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file (creating folders) and returns its path.</summary>
    public string Write(string name, string text, UnixFileMode? mode = null)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, m);
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may still hold a file open; the OS cleans the temp folder.
        }
    }
}

/// <summary>Credentials planted in test inputs; none of them may ever appear in any output.</summary>
internal static class Planted
{
    /// <summary>A valid 32-character B-route ID.</summary>
    public const string Id = "B0A1C2D3E4F5A6B7C8D9E0F1A2B3C4D5";

    /// <summary>A valid 12-character password with characters JSON escapes (+ " &lt; &gt; &amp;).</summary>
    public const string Password = "Pw+\"x<y>Z&9q";

    /// <summary>A second valid ID (for precedence tests).</summary>
    public const string OtherId = "FFEEDDCCBBAA99887766554433221100";

    /// <summary>A second valid password.</summary>
    public const string OtherPassword = "HUNTER2PASSW";

    /// <summary>The pairing ID of <see cref="Id"/>: its last 8 characters (EPANDESC "PairID:").</summary>
    public static string PairId => Id[^8..];

    /// <summary>
    /// Fails when <paramref name="text"/> contains any planted credential or pairing ID (any case), in plain, JSON-escaped
    /// or hex (the UTF-8 bytes) form.
    /// </summary>
    public static void AssertAbsent(string text)
    {
        string[] values = [Id, Password, OtherId, OtherPassword, PairId, OtherId[^8..]];
        foreach (var secret in values.Concat(["Pw+\\\"x<y>Z&9q", "Pw\\u002B\\u0022x\\u003Cy\\u003EZ\\u00269q"]).Concat(values.Select(v => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(v)))))
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
