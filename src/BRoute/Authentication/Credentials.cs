using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BRoute.Authentication;

/// <summary>
/// The B-route ID (32 characters) and password (12 characters) the power company issued
/// (b-route-guideline.md §10). The values are reachable only through <see cref="RevealId"/> and
/// <see cref="RevealPassword"/> (for the SKSETRBID / SKSETPWD commands); <see cref="ToString"/>,
/// JSON serialization and every exception message show lengths and a hash prefix, never the values.
/// </summary>
[JsonConverter(typeof(MaskedCredentialsJsonConverter))]
public sealed class Credentials
{
    /// <summary>Length of a B-route ID.</summary>
    public const int IdLength = 32;

    /// <summary>Length of a B-route password as issued by the utilities.</summary>
    public const int PasswordLength = 12;

    /// <summary>Length of the pairing ID (the ID's last characters).</summary>
    public const int PairIdLength = 8;

    /// <summary>Hex digits of the SHA-256 of the ID kept in <see cref="IdHash"/> (64 bits).</summary>
    public const int IdHashLength = 16;

    private readonly string _id;
    private readonly string _password;

    private Credentials(string id, string password)
    {
        _id = id;
        _password = password;
        PairId = id[^PairIdLength..];
        IdHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)))[..IdHashLength];
    }

    /// <summary>
    /// The pairing ID: the last 8 characters of the B-route ID. The meter broadcasts it in its
    /// beacon (EPANDESC PairID), so it is not secret, but it is only shown where it is needed.
    /// </summary>
    public string PairId { get; }

    /// <summary>
    /// First 16 lower-case hex digits of SHA-256(ID): names files and log lines that must refer
    /// to one ID without revealing it.
    /// </summary>
    public string IdHash { get; }

    /// <summary>Validates and wraps an ID and password; throws with a message that never contains either.</summary>
    /// <exception cref="InvalidCredentialsException">A value has the wrong length or a character that is not printable ASCII.</exception>
    public static Credentials Create(string? id, string? password)
    {
        if (!TryCreate(id, password, out var credentials, out var error))
        {
            throw new InvalidCredentialsException(error!);
        }

        return credentials!;
    }

    /// <summary>Validates and wraps an ID and password; on failure gives a message that never contains either.</summary>
    public static bool TryCreate(string? id, string? password, out Credentials? credentials, out string? error)
    {
        credentials = null;
        error = Check(id, "B-route ID", IdLength) ?? Check(password, "B-route password", PasswordLength);
        if (error is not null)
        {
            return false;
        }

        credentials = new Credentials(id!, password!);
        return true;
    }

    /// <summary>The B-route ID, for SKSETRBID only. Never log it.</summary>
    public string RevealId() => _id;

    /// <summary>The password, for SKSETPWD only. Never log it.</summary>
    public string RevealPassword() => _password;

    /// <summary>True when <paramref name="pairId"/> (from an EPANDESC or a cache file) is this ID's pairing ID.</summary>
    public bool MatchesPairId(string? pairId) =>
        pairId is not null && string.Equals(pairId, PairId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces every occurrence of the ID and the password in <paramref name="text"/> with
    /// asterisks, e.g. for a serial trace that contains the SKSETPWD command.
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace(_id, new string('*', IdLength), StringComparison.OrdinalIgnoreCase)
            .Replace(_password, new string('*', PasswordLength), StringComparison.Ordinal);
    }

    /// <summary>Lengths and the ID hash only.</summary>
    public override string ToString() => $"B-route credentials (ID {IdLength} chars, sha256 {IdHash}…; password {PasswordLength} chars)";

    private static string? Check(string? value, string what, int length)
    {
        if (value is null)
        {
            return $"the {what} is missing";
        }

        if (value.Length != length)
        {
            return $"the {what} must be {length} characters (got {value.Length})";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < '!' or > '~')
            {
                var kind = char.IsWhiteSpace(c) ? "a space or other white space" : "a character that is not printable ASCII";
                return $"the {what} has {kind} at position {i + 1}; only the characters the power company issued are allowed";
            }
        }

        return null;
    }
}

/// <summary>Writes credentials as a masked object; refuses to read them (they come from options, environment or config).</summary>
internal sealed class MaskedCredentialsJsonConverter : JsonConverter<Credentials>
{
    public override Credentials Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("B-route credentials are not read from JSON; pass the ID and password to Credentials.Create");

    public override void Write(Utf8JsonWriter writer, Credentials value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "(hidden)");
        writer.WriteString("idSha256Prefix", value.IdHash);
        writer.WriteString("password", "(hidden)");
        writer.WriteEndObject();
    }
}
