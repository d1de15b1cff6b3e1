using System.Text;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Logging;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

/// <summary>Every line of /work/shared/reference/seed-trace.log (BP35A1, ASCII-hex ERXUDP, LF line ends, client prints mixed in).</summary>
public class SeedTraceTests
{
    private static readonly byte[] Log = ReferenceFiles.ReadBytes("seed-trace.log");

    [Fact]
    public void Counts_match_the_file()
    {
        var items = Parse.All(Log);
        Assert.Equal(20, items.OfType<Erxudp>().Count());
        Assert.Equal(23, items.OfType<SkEvent>().Count(e => e.Code == SkEventCode.UdpSendFinished));
        Assert.Equal(3, items.OfType<SkEvent>().Count(e => e.SendResult == UdpSendResult.Failure));
        Assert.Single(items.OfType<SkEvent>(), e => e.Code == SkEventCode.PanaConnectionSucceeded);
        Assert.Single(items.OfType<SkPong>());
        Assert.Equal(26, items.OfType<SkOk>().Count());
        Assert.Equal(22, items.OfType<SkEchoLine>().Count(e => e.Text.StartsWith("SKSENDTO 1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_line_is_classified_as_its_content_says()
    {
        var items = new Queue<SkItem>(Parse.All(Log));
        var lines = Encoding.UTF8.GetString(Log).Split('\n');
        foreach (var line in lines.Take(lines.Length - 1))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var glued = line.IndexOf("SKSENDTO", StringComparison.Ordinal);
            if (line.Length == 0)
            {
                Assert.Equal(SkBlankLine.Instance, items.Dequeue());
            }
            else if (line.StartsWith("ERXUDP ", StringComparison.Ordinal))
            {
                var e = Assert.IsType<Erxudp>(items.Dequeue());
                var tokens = line.Split(' ');
                Assert.Equal(9, tokens.Length);
                Assert.Equal(Wire.Meter, e.Sender);
                Assert.Equal(Convert.ToInt32(tokens[7], 16), e.Data.Length);
                Assert.Equal(Convert.FromHexString(tokens[8]), e.Data.ToArray());
                Assert.True(e.Secured);
                Assert.Equal(0x00808700301224EFUL, e.SenderMac);
            }
            else if (line.StartsWith("EVENT ", StringComparison.Ordinal))
            {
                var e = Assert.IsType<SkEvent>(items.Dequeue());
                var tokens = line.Split(' ');
                Assert.Equal(Convert.ToByte(tokens[1], 16), (byte)e.Code);
                Assert.Equal(Wire.Meter, e.Address);
                Assert.Equal(tokens.Length == 4 ? Convert.ToByte(tokens[3], 16) : null, e.Parameter);
                Assert.Null(e.Side);
            }
            else if (line == "OK")
            {
                Assert.Equal(SkOk.Plain, items.Dequeue());
            }
            else if (line.StartsWith("EPONG ", StringComparison.Ordinal))
            {
                Assert.Equal(new SkPong(Wire.Meter, null), items.Dequeue());
            }
            else if (line.StartsWith("SK", StringComparison.Ordinal))
            {
                Assert.Equal(new SkEchoLine(SkWireText.FormatLine(bytes)), items.Dequeue());
            }
            else if (glued > 0)
            {
                // The client's own print ran into the echo: "80 80 動作状態SKSENDTO 1 …".
                var prefix = Encoding.UTF8.GetByteCount(line[..glued]);
                var garbled = Assert.IsType<SkGarbledLine>(items.Dequeue());
                Assert.Equal(SkLineError.UnknownLine, garbled.Error);
                Assert.Equal(prefix, garbled.Length);
                Assert.Equal(new SkEchoLine(line[glued..]), items.Dequeue());
            }
            else
            {
                var garbled = Assert.IsType<SkGarbledLine>(items.Dequeue());
                Assert.Equal(SkLineError.UnknownLine, garbled.Error);
                Assert.Equal(bytes.Length, garbled.Length);
            }
        }

        Assert.Empty(items);
    }

    [Fact]
    public void Credentials_of_the_trace_never_reach_an_item()
    {
        var text = string.Join('\n', Parse.All(Log).Select(i => i.ToString()));
        Assert.DoesNotContain("PASSWORD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAABBBBCCCCDDDD", text, StringComparison.Ordinal);
        Assert.Contains("SKSETPWD C **************", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_items_when_fed_one_byte_at_a_time()
    {
        var whole = Render(Parse.All(Log));
        Assert.Equal(whole, Render(Parse.All(Log, chunkSize: 1)));
    }

    [Fact]
    public void Same_items_when_split_in_two_at_every_byte()
    {
        var whole = Render(Parse.All(Log));
        for (var cut = 1; cut < Log.Length; cut++)
        {
            var split = Render(Parse.Run(ScriptedPipeReader.SplitAt(Log, cut)));
            Assert.True(whole.SequenceEqual(split), $"different items when split at byte {cut}");
        }
    }

    internal static List<string> Render(IEnumerable<SkItem> items) => items.Select(i => i.ToString()!).ToList();
}
