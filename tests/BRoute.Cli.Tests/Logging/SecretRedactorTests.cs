using System.Text;
using System.Text.Json;
using BRoute.Cli.Logging;
using BRoute.Cli.Tests.Support;
using CsCheck;

namespace BRoute.Cli.Tests.Logging;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = SecretRedactor.For([Planted.Id, Planted.Password]);

    [Theory]
    [InlineData("id=" + Planted.Id, "id=********************************")]
    [InlineData("id=b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5.", "id=********************************.")]
    [InlineData("pw " + Planted.Password + " end", "pw ************ end")]
    [InlineData("two: " + Planted.Password + Planted.Password, "two: ************************")]
    [InlineData("nothing secret here", "nothing secret here")]
    [InlineData("", "")]
    public void Values_are_masked_wherever_they_appear_in_any_case(string text, string expected) =>
        Assert.Equal(expected, Redactor.Redact(text));

    [Fact]
    public void Json_escaped_and_hex_forms_are_masked_too()
    {
        var strict = JsonSerializer.Serialize(new { password = Planted.Password });
        var relaxed = JsonSerializer.Serialize(new { password = Planted.Password }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var hex = Convert.ToHexString(Encoding.ASCII.GetBytes("SKSETPWD C " + Planted.Password));

        Assert.Contains("\\u002B", strict, StringComparison.Ordinal); // the encoder did escape: the plain value is not in the text
        foreach (var text in new[] { strict, relaxed, hex, hex.ToLowerInvariant() })
        {
            var redacted = Redactor.Redact(text);
            Planted.AssertAbsent(redacted);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(Planted.Password)), redacted, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("****", redacted, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SKSETPWD C SOMEOTHERPWD", "SKSETPWD C ************")]
    [InlineData(">> SKSETRBID 00112233445566778899AABBCCDDEEFF\r\n", ">> SKSETRBID ********************************\r\n")]
    [InlineData("skSetPwd c *starts-with-star", "skSetPwd c *****************")]
    [InlineData("SKSETPWD C ************ (already masked)", "SKSETPWD C ************ (already masked)")]
    [InlineData("SKSETPWDX C VALUE12", "SKSETPWDX C VALUE12")]
    public void Skstack_credential_commands_are_masked_whatever_the_value(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.None.Redact(text));

    [Fact]
    public void Short_values_are_not_secrets_and_to_string_shows_counts_only()
    {
        var redactor = SecretRedactor.For(["a", "abc", null, "  ", Planted.Password]);

        Assert.Equal("a abc", redactor.Redact("a abc"));
        Assert.Equal(1, redactor.SecretCount);
        Assert.Equal("secret redactor (1 value(s) masked)", redactor.ToString());
        Assert.Equal(2, redactor.With([Planted.Id]).SecretCount);
    }

    [Fact]
    public void A_secret_embedded_in_any_text_never_survives()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.Bool)
            .Sample((before, after, upper) =>
            {
                var secret = upper ? Planted.Id : Planted.Id.ToLowerInvariant();
                var redacted = Redactor.Redact(before + secret + after + Planted.Password);
                Assert.DoesNotContain(Planted.Id, redacted, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Planted.Password, redacted, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void For_credentials_masks_each_ids_pairing_id_alone_and_in_hex()
    {
        var redactor = SecretRedactor.ForCredentials([Planted.Id, null], [Planted.Password]);
        var epandesc = $"  PairID:{Planted.PairId}";
        var hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Planted.PairId));

        Assert.Equal("  PairID:********", redactor.Redact(epandesc));
        Assert.Equal(new string('*', hex.Length), redactor.Redact(hex));
        Assert.Equal(new string('*', 32), redactor.Redact(Planted.Id)); // the whole ID, not only its tail
        Assert.Equal(3, redactor.SecretCount);
        Planted.AssertAbsent(redactor.Redact($"{Planted.Id} {Planted.Password} {epandesc} {hex} {Planted.PairId.ToLowerInvariant()}"));
    }
}
