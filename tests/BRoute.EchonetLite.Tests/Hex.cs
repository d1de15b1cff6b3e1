namespace BRoute.EchonetLite.Tests;

/// <summary>Hex helpers for byte vectors written as in the reference (spaces allowed).</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Repeat(string hex, int times) => string.Concat(Enumerable.Repeat(hex, times));
}
