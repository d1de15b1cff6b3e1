using BRoute.Authentication;

namespace BRoute.Tests.TestSupport;

/// <summary>Well-formed test credentials (not real ones).</summary>
internal static class TestCredentials
{
    public const string Id = "00112233445566778899AABBCCDDEEFF";
    public const string Password = "Pa55w0rdXYZ1";
    public const string PairId = "CCDDEEFF";

    public static Credentials Create() => Credentials.Create(Id, Password);
}
