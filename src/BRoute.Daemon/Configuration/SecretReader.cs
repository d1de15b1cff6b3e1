namespace BRoute.Daemon.Configuration;

/// <summary>
/// Reads a secret from a file (<c>password_file</c>, <c>token_file</c>) or a systemd credential
/// (<c>$CREDENTIALS_DIRECTORY/NAME</c>, from <c>LoadCredential=</c>). The value is never part of a message.
/// </summary>
internal static class SecretReader
{
    /// <summary>A secret file larger than this is not a secret file.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The systemd variable that names the credentials folder.</summary>
    public const string CredentialsVariable = "CREDENTIALS_DIRECTORY";

    /// <summary>The file's text without the trailing line break; problems and permission warnings are added to the lists.</summary>
    public static string? ReadFile(string path, string key, string source, List<string> problems, List<string> warnings)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add($"{key} (from {source}): the path holds a NUL character; give the path of a file holding only the secret");
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"{key} (from {source}): {path} does not exist; create it holding only the secret (chmod 600), or fix the path");
                return null;
            }

            var bytes = info.Length > MaxBytes ? null : BoundedFile.Read(path, MaxBytes);
            if (bytes is null)
            {
                problems.Add($"{key} (from {source}): {path} is larger than {MaxBytes} bytes, too large for a secret; it must hold only the secret");
                return null;
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0)
                {
                    var who = (mode & UnixFileMode.OtherRead) != 0 ? "every user on this machine" : "its group";
                    warnings.Add($"{key}: {path} can be read by {who}; run: chmod 600 {path}");
                }
            }

            var text = new System.Text.UTF8Encoding(false).GetString(bytes).TrimEnd('\r', '\n');
            if (text.Length == 0)
            {
                problems.Add($"{key} (from {source}): {path} is empty; put the secret in it");
                return null;
            }

            return text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{key} (from {source}): {path} cannot be read ({ex.GetType().Name}); check its owner and permissions");
            return null;
        }
    }

    /// <summary>The path of systemd credential <paramref name="name"/> when the service has it, else null.</summary>
    public static string? CredentialPath(ConfigInputs inputs, string name)
    {
        if (inputs.Variable(CredentialsVariable) is not { } directory)
        {
            return null;
        }

        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : null;
    }
}
