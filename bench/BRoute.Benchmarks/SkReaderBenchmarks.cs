using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using BRoute.SkStack.Items;
using BRoute.SkStack.Parsing;
using BRoute.SkStack.Reading;

namespace BRoute.Benchmarks;

/// <summary>
/// The SKSTACK reader on the seed trace's ERXUDP lines (seed-trace-decoded.md §1, BP35A1, 9 tokens): bytes in a Pipe
/// → typed items. One operation = one ERXUDP line; allocation per operation = per ERXUDP item (target: the item and
/// its payload array only). Run: dotnet run -c Release --project bench/BRoute.Benchmarks -- --filter '*SkReader*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SkReaderBenchmarks
{
    private const int Repeats = 64;
    private const int LinesPerOperationSet = 16 * Repeats;

    private static readonly string E2Slots = string.Concat(Enumerable.Repeat("FFFFFFFE", 48));

    private static readonly string[] SeedLines =
    [
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FF02:0000:0000:0000:0000:0000:0000:0001 0E1A 0E1A 00808700301224EF 1 0012 108100000EF0010EF0017301D50401028801",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201800130",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201D30400000001",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201D70106",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E00400015208",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201E10101",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 00D0 1081000102880105FF017201E2C200FF" + E2Slots,
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E3040000000A",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 00D0 1081000102880105FF017201E4C200FF" + E2Slots,
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201E501FF",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E80400320014",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0019 1081000102880105FF017201EA0B07E4030E081E0000015206",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0019 1081000102880105FF017201EB0B07E4030E081E000000000A",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 001D 1081000102880105FF017201EC0FFFFFFFFFFFFF01FFFFFFFEFFFFFFFE",
        "ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0015 1081000102880105FF017201ED07FFFFFFFFFFFF01",
    ];

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private byte[] _ascii = [];
    private byte[] _binary = [];

    [GlobalSetup]
    public void Setup()
    {
        _ascii = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(string.Concat(SeedLines.Select(l => l + "\r\n")), Repeats)));

        // The same datagrams as a WOPT 00 (binary) dongle prints them.
        var binary = new ArrayBufferWriter<byte>();
        for (var r = 0; r < Repeats; r++)
        {
            foreach (var line in SeedLines)
            {
                var cut = line.LastIndexOf(' ');
                binary.Write(Encoding.ASCII.GetBytes(line[..(cut + 1)]));
                binary.Write(Convert.FromHexString(line[(cut + 1)..]));
                binary.Write("\r\n"u8);
            }
        }

        _binary = binary.WrittenSpan.ToArray();
    }

    /// <summary>ASCII-hex lines through Pipe → SkReader.ReadAsync, as the device's reader loop runs.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = LinesPerOperationSet)]
    public Task<int> PipeAsciiHex() => ReadAllAsync(_ascii);

    /// <summary>The same datagrams in binary mode.</summary>
    [Benchmark(OperationsPerInvoke = LinesPerOperationSet)]
    public Task<int> PipeBinary() => ReadAllAsync(_binary);

    /// <summary>The grammar alone over one contiguous buffer (no pipe, no async).</summary>
    [Benchmark(OperationsPerInvoke = LinesPerOperationSet)]
    public int GrammarOnlyAsciiHex()
    {
        var context = new SkParserContext();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_ascii));
        var count = 0;
        while (SkLineParser.TryParse(ref reader, context, out var item) == OperationStatus.Done)
        {
            count += item is Erxudp ? 1 : 0;
        }

        return count;
    }

    private async Task<int> ReadAllAsync(byte[] data)
    {
        await _pipe.Writer.WriteAsync(data).ConfigureAwait(false);
        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        var reader = new SkReader(_pipe.Reader);
        var count = 0;
        while (await reader.ReadAsync().ConfigureAwait(false) is Erxudp)
        {
            count++;
        }

        await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
        _pipe.Reset(); // both ends complete: the pipe and its segments are reused by the next operation
        return count == LinesPerOperationSet ? count : throw new InvalidOperationException($"read {count} ERXUDP items, expected {LinesPerOperationSet}");
    }
}
