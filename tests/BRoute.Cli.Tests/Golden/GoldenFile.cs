using System.Runtime.CompilerServices;
using System.Text;

namespace BRoute.Cli.Tests.Golden;

/// <summary>
/// Compares an output with its expected bytes in <c>Golden/Expected/</c> (in the source tree, so a change to an
/// expectation is a reviewed diff). With <c>BROUTE_GOLDEN_UPDATE=1</c> a differing file is rewritten and the test fails, so a
/// regenerated expectation is never silently a pass.
/// </summary>
internal static class GoldenFile
{
    public static string PathOf(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Expected", name);

    public static void AssertMatches(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = PathOf(name, here);
        if (Environment.GetEnvironmentVariable("BROUTE_GOLDEN_UPDATE") == "1"
            && (!File.Exists(path) || File.ReadAllText(path, Encoding.UTF8) != actual))
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            Assert.Fail($"golden file {name} rewritten; check the diff and run again without BROUTE_GOLDEN_UPDATE");
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing: run once with BROUTE_GOLDEN_UPDATE=1 and review it");
        var expected = File.ReadAllText(path, Encoding.UTF8);
        if (expected != actual)
        {
            var at = 0;
            while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            {
                at++;
            }

            var line = expected.AsSpan(0, at).Count('\n') + 1;
            Assert.Fail($"{name} differs at char {at} (line {line}):\nexpected: {Around(expected, at)}\nactual:   {Around(actual, at)}");
        }
    }

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 40);
        var end = Math.Min(text.Length, at + 80);
        return text[start..end].Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
