using System.Text;
using BRoute.Cli.Logging;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Logging;

/// <summary>
/// The hex form of a credential (a byte dump of what went to the dongle) is masked wherever it sits in a longer hex run,
/// in any digit case, for both credentials, and for the credential in whatever letter case it was written (the plain
/// form is matched case-insensitively, so the hex form must be too). Issue 13: this rested on a single test.
/// </summary>
public sealed class SecretRedactorHexFormTests
{
    private static string HexOf(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void The_id_in_hex_is_masked_inside_a_longer_dump_and_the_rest_is_kept()
    {
        var redactor = SecretRedactor.For([Planted.Id]);
        var dump = "534B5345545242494420" + HexOf(Planted.Id) + "0D0A";

        var redacted = redactor.Redact(dump);

        Assert.Equal("534B5345545242494420" + new string('*', 64) + "0D0A", redacted);
    }

    [Fact]
    public void Both_credentials_in_one_dump_in_lower_case_hex_are_masked()
    {
        var redactor = SecretRedactor.For([Planted.Id, Planted.Password]);
        var dump = (HexOf("SKSETRBID " + Planted.Id + "\r\n") + HexOf("SKSETPWD C " + Planted.Password + "\r\n")).ToLowerInvariant();

        var redacted = redactor.Redact(dump);

        Assert.DoesNotContain(HexOf(Planted.Id), redacted, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(HexOf(Planted.Password), redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(dump.Length, redacted.Length);
        Assert.StartsWith(HexOf("SKSETRBID ").ToLowerInvariant(), redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_repeated_in_a_dump_is_masked_each_time()
    {
        var redactor = SecretRedactor.For([Planted.OtherPassword]);
        var hex = HexOf(Planted.OtherPassword);

        var redacted = redactor.Redact($"1st {hex} 2nd {hex}{hex}");

        Assert.Equal($"1st {new string('*', 24)} 2nd {new string('*', 48)}", redacted);
    }

    [Theory]
    [InlineData("b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5")]
    [InlineData("B0A1C2D3E4F5A6B7C8D9E0F1A2B3C4D5")]
    [InlineData("b0A1c2D3e4F5a6B7c8D9e0F1a2B3c4D5")]
    public void The_hex_of_the_id_written_in_another_letter_case_is_masked_too(string written)
    {
        // The ID is known as Planted.Id (upper case); a dump of the same ID typed in lower case has other bytes.
        var redactor = SecretRedactor.For([Planted.Id]);

        var redacted = redactor.Redact("<< " + HexOf(written));

        Assert.Equal("<< " + new string('*', 64), redacted);
    }

    [Fact]
    public void Upper_and_lower_case_spellings_of_one_id_given_twice_mask_both_hex_forms()
    {
        // The environment holds one spelling, the option the other: case-insensitively one secret.
        var redactor = SecretRedactor.For([Planted.Id, Planted.Id.ToLowerInvariant()]);

        Assert.Equal(new string('*', 64), redactor.Redact(HexOf(Planted.Id.ToLowerInvariant())));
        Assert.Equal(new string('*', 64), redactor.Redact(HexOf(Planted.Id)));
    }
}
