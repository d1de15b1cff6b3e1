using System.Text;
using BRoute.SkStack.Items;
using BRoute.SkStack.Reading;

namespace BRoute.SkStack.Tests.Support;

/// <summary>Runs the real reader over bytes, in given chunks, collecting every item.</summary>
internal static class Parse
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static List<SkItem> All(byte[] data, int chunkSize = int.MaxValue, SkReaderOptions? options = null) =>
        Run(ScriptedPipeReader.InChunksOf(data, Math.Max(1, Math.Min(chunkSize, Math.Max(data.Length, 1)))), options);

    public static List<SkItem> All(string text, int chunkSize = int.MaxValue, SkReaderOptions? options = null) =>
        All(Bytes(text), chunkSize, options);

    public static List<SkItem> Run(ScriptedPipeReader pipe, SkReaderOptions? options = null) => Run(pipe, options, out _);

    public static List<SkItem> Run(ScriptedPipeReader pipe, SkReaderOptions? options, out SkReader reader)
    {
        reader = new SkReader(pipe, options);
        var items = new List<SkItem>();
        while (true)
        {
            var pending = reader.ReadAsync(CancellationToken.None);

            // The scripted pipe never waits: every read completes synchronously.
            Assert.True(pending.IsCompleted, "the reader waited on a pipe that never waits");
            var item = pending.Result;
            if (item is null)
            {
                return items;
            }

            items.Add(item);
            Assert.True(items.Count < 1_000_000, "runaway reader");
        }
    }

    public static SkItem Single(string line) => Assert.Single(All(line));
}
