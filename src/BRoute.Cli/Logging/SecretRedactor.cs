using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BRoute.Cli.Logging;

/// <summary>
/// Masks credentials in any text the CLI writes: every configured B-route ID and password (also in
/// their JSON-escaped and hex forms, case-insensitively, the hex form with the letters in either case), and the argument of any <c>SKSETPWD</c> or
/// <c>SKSETRBID</c> command line whatever its value. Applied to error messages, log lines, and whole
/// support-bundle files. <see cref="ToString"/> never shows the values.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>Values shorter than this are not treated as secrets (masking "a" everywhere would destroy the text).</summary>
    public const int MinSecretLength = 6;

    private readonly string[] _secrets;
    private readonly string[] _needles;
    private readonly Regex? _hexForms;

    private SecretRedactor(string[] secrets, string[] needles)
    {
        _secrets = secrets;
        _needles = needles;
        _hexForms = secrets.Length == 0 ? null : HexForms(secrets);
    }

    /// <summary>Masks only <c>SKSETPWD</c>/<c>SKSETRBID</c> arguments.</summary>
    public static SecretRedactor None { get; } = new([], []);

    /// <summary>How many secret values are masked (each with its escaped and hex forms).</summary>
    public int SecretCount => _secrets.Length;

    /// <summary>A redactor for these values; nulls and values shorter than <see cref="MinSecretLength"/> are ignored.</summary>
    public static SecretRedactor For(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var distinct = secrets
            .Where(s => s is not null && s.Trim().Length >= MinSecretLength)
            .Select(s => s!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var needles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var secret in distinct)
        {
            needles.Add(secret);
            needles.Add(JsonEncodedText.Encode(secret).ToString());
            needles.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
        }

        // Longest first, so a value that contains another is masked whole.
        return new(distinct, [.. needles.OrderByDescending(n => n.Length)]);
    }

    /// <summary>
    /// A redactor for B-route IDs and passwords: each ID also masks its pairing ID (its last
    /// <see cref="Authentication.Credentials.PairIdLength"/> characters, which the dongle prints in EPANDESC and the
    /// meter carries in PANA), so a log cut or reformatted around the ID still shows no part of it that identifies it.
    /// </summary>
    public static SecretRedactor ForCredentials(IEnumerable<string?> ids, IEnumerable<string?> passwords)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(passwords);
        var idList = ids.Where(i => i is not null).Select(i => i!.Trim()).ToList();
        var pairIds = idList.Where(i => i.Length > Authentication.Credentials.PairIdLength).Select(i => i[^Authentication.Credentials.PairIdLength..]);
        return For([.. idList, .. pairIds, .. passwords]);
    }

    /// <summary>This redactor plus more values.</summary>
    public SecretRedactor With(IEnumerable<string?> more) => For(_secrets.Concat(more ?? []));

    /// <summary>The text with every secret replaced by asterisks of the same length.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var needle in _needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace(needle, new string('*', needle.Length), StringComparison.OrdinalIgnoreCase);
            }
        }

        if (_hexForms is not null)
        {
            text = _hexForms.Replace(text, m => new string('*', m.Length));
        }

        return CommandArgument().Replace(text, m => m.Groups["pre"].Value + new string('*', m.Groups["secret"].Length));
    }

    /// <summary>
    /// The hex form of each secret with its letters in either case (the plain form is matched case-insensitively, so
    /// the ID typed in lower case is the same secret, yet its bytes differ: 'B' = 42, 'b' = 62), hex digits in either case.
    /// </summary>
    private static Regex HexForms(IEnumerable<string> secrets)
    {
        var alternatives = secrets.OrderByDescending(s => s.Length).Select(secret =>
        {
            var pattern = new StringBuilder();
            foreach (var c in secret)
            {
                if (char.IsAsciiLetter(c))
                {
                    var upper = (byte)char.ToUpperInvariant(c);
                    pattern.Append('[').Append(upper >> 4).Append((upper >> 4) + 2).Append(']').Append((upper & 0xF).ToString("X", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    pattern.Append(Convert.ToHexString(Encoding.UTF8.GetBytes(c.ToString())));
                }
            }

            return pattern.ToString();
        });
        return new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Counts only, never the values.</summary>
    public override string ToString() => $"secret redactor ({SecretCount} value(s) masked)";

    // SKSETPWD <length hex> <password> and SKSETRBID <id> (skstack.md); the value runs to white space.
    [GeneratedRegex(@"(?<pre>\bSKSETPWD[ \t]+[0-9A-Fa-f]{1,2}[ \t]+|\bSKSETRBID[ \t]+)(?<secret>\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommandArgument();
}
