using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BRoute.Authentication;
using BRoute.Tests.TestSupport;
using CsCheck;

namespace BRoute.Tests.Authentication;

public sealed class CredentialsTests
{
    private static readonly Gen<string> IdGen = Gen.Char["0123456789ABCDEF"].Array[32, 32].Select(a => new string(a));
    private static readonly Gen<string> PasswordGen = Gen.Char['!', '~'].Array[12, 12].Select(a => new string(a));

    [Fact]
    public void PairId_is_the_last_eight_characters_of_the_id()
    {
        var c = TestCredentials.Create();
        Assert.Equal(TestCredentials.PairId, c.PairId);
        Assert.True(c.MatchesPairId("ccddeeff"));
        Assert.False(c.MatchesPairId("CCDDEEF0"));
        Assert.False(c.MatchesPairId(null));
    }

    [Fact]
    public void IdHash_is_the_sha256_hex_prefix_of_the_id()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(TestCredentials.Id)))[..16];
        Assert.Equal(expected, TestCredentials.Create().IdHash);
    }

    [Fact]
    public void Reveal_returns_the_values_for_the_dongle_commands()
    {
        var c = TestCredentials.Create();
        Assert.Equal(TestCredentials.Id, c.RevealId());
        Assert.Equal(TestCredentials.Password, c.RevealPassword());
    }

    [Theory]
    [InlineData(31, "the B-route ID must be 32 characters (got 31)")]
    [InlineData(33, "the B-route ID must be 32 characters (got 33)")]
    [InlineData(0, "the B-route ID must be 32 characters (got 0)")]
    public void Wrong_id_length_is_reported_without_the_value(int length, string message)
    {
        var id = string.Concat(Enumerable.Repeat("7F3A9", 10))[..length];
        var e = Assert.Throws<InvalidCredentialsException>(() => Credentials.Create(id, TestCredentials.Password));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("Pa55w0rdXYZ", "the B-route password must be 12 characters (got 11)")]
    [InlineData("Pa55w0rdXYZ12", "the B-route password must be 12 characters (got 13)")]
    public void Wrong_password_length_is_reported_without_the_value(string password, string message)
    {
        var e = Assert.Throws<InvalidCredentialsException>(() => Credentials.Create(TestCredentials.Id, password));
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain(password, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_values_are_reported()
    {
        Assert.Equal("the B-route ID is missing", Assert.Throws<InvalidCredentialsException>(() => Credentials.Create(null, TestCredentials.Password)).Message);
        Assert.Equal("the B-route password is missing", Assert.Throws<InvalidCredentialsException>(() => Credentials.Create(TestCredentials.Id, null)).Message);
    }

    [Theory]
    [InlineData("00112233445566778899AABBCCDDEEF ", "the B-route ID has a space or other white space at position 32")]
    [InlineData("0011223344556677\t899AABBCCDDEEFF", "the B-route ID has a space or other white space at position 17")]
    [InlineData("00112233445566778899AABBCCDDEEFé", "the B-route ID has a character that is not printable ASCII at position 32")]
    public void Bad_id_characters_are_reported_by_position(string id, string messageStart)
    {
        var e = Assert.Throws<InvalidCredentialsException>(() => Credentials.Create(id, TestCredentials.Password));
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(id.Trim(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_gives_the_error_instead_of_throwing()
    {
        Assert.False(Credentials.TryCreate(TestCredentials.Id, "short", out var c, out var error));
        Assert.Null(c);
        Assert.Equal("the B-route password must be 12 characters (got 5)", error);
    }

    [Fact]
    public void ToString_shows_neither_value_nor_the_pair_id()
    {
        var text = TestCredentials.Create().ToString();
        Assert.DoesNotContain(TestCredentials.Id, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestCredentials.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.PairId, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(TestCredentials.Create().IdHash, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_serialization_is_masked_directly_and_inside_other_objects()
    {
        var c = TestCredentials.Create();
        foreach (var json in new[] { JsonSerializer.Serialize(c), JsonSerializer.Serialize(new { Credentials = c, Other = 1 }) })
        {
            Assert.DoesNotContain(TestCredentials.Id, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestCredentials.Password, json, StringComparison.Ordinal);
            Assert.DoesNotContain(TestCredentials.PairId, json, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"password\":\"(hidden)\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_deserialization_is_refused_without_echoing_the_input()
    {
        var json = $"{{\"id\":\"{TestCredentials.Id}\",\"password\":\"{TestCredentials.Password}\"}}";
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Credentials>(json));
        Assert.DoesNotContain(TestCredentials.Id, e.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestCredentials.Password, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_hides_both_values_in_a_trace_line()
    {
        var c = TestCredentials.Create();
        var trace = $"SKSETPWD C {TestCredentials.Password}\r\nSKSETRBID {TestCredentials.Id.ToLowerInvariant()}";
        var redacted = c.Redact(trace);
        Assert.Equal("SKSETPWD C ************\r\nSKSETRBID " + new string('*', 32), redacted);
    }

    [Fact]
    public void Property_no_rendering_ever_contains_a_value()
    {
        Gen.Select(IdGen, PasswordGen).Sample((id, password) =>
        {
            var c = Credentials.Create(id, password);
            var renderings = new[] { c.ToString(), JsonSerializer.Serialize(c), $"{c}" };
            foreach (var text in renderings)
            {
                Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(password, text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Property_errors_never_contain_the_rejected_value()
    {
        var badLength = Gen.Char["0123456789ABCDEF"].Array[6, 64].Where(a => a.Length != 32).Select(a => new string(a));
        badLength.Sample(id =>
        {
            Assert.False(Credentials.TryCreate(id, TestCredentials.Password, out _, out var error));
            Assert.DoesNotContain(id, error!, StringComparison.OrdinalIgnoreCase);
        });
        Gen.Char['!', '~'].Array[6, 40].Where(a => a.Length != 12).Select(a => new string(a)).Sample(pw =>
        {
            Assert.False(Credentials.TryCreate(TestCredentials.Id, pw, out _, out var error));
            Assert.DoesNotContain(pw, error!, StringComparison.Ordinal);
        });
    }
}
