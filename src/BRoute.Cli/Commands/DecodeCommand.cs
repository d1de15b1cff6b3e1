using System.CommandLine;
using System.Globalization;
using BRoute.Cli.Output;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Commands;

/// <summary><c>broute decode</c>: explains ERXUDP lines and hex ECHONET Lite frames.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliConsole console)
    {
        var items = new Argument<string[]>("line")
        {
            Description = "ERXUDP lines or hex frames (quote each one). Without any, lines are read from standard input, so a whole serial log can be piped in.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per frame, one per line." };
        var coefficient = new Option<decimal?>("--coefficient")
        {
            Description = "The meter's coefficient (D3) for kWh values. Default: learned from a D3 in the input, else 1.",
            HelpName = "N",
        };
        var unit = new Option<string?>("--unit")
        {
            Description = "The meter's unit code (E1) for kWh values, e.g. 0x01 = 0.1 kWh. Default: learned from an E1 in the input, else unknown (raw counts are shown).",
            HelpName = "0xNN",
        };
        coefficient.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var c) && c is >= 0 and <= 999_999)
            {
                return c;
            }

            result.AddError($"--coefficient '{text}' is not a coefficient (D3): give a number from 0 to 999999.");
            return null;
        };
        unit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is string text && !UnitCode.TryParse(text, out _, out var problem))
            {
                result.AddError(problem!);
            }
        });

        var command = new Command("decode", "Explain ERXUDP lines and ECHONET Lite frames: sender, TID, objects, service, and each property with its name and value.")
        {
            items, json, coefficient, unit,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            UnitCode.TryParse(parse.GetValue(unit), out var unitCode, out _);
            var decoder = new TraceDecoder(parse.GetValue(coefficient), unitCode);
            var asJson = parse.GetValue(json);
            using (var output = new DecodeOutput(console.OutputStream, parse.InvocationConfiguration.Output))
            {
                var args = parse.GetValue(items) ?? [];
                if (args.Length > 0)
                {
                    for (var i = 0; i < args.Length; i++)
                    {
                        var line = args[i];
                        Report(line.Length > TraceLineReader.MaxLineLength ? decoder.TooLong(i + 1, line.Length) : decoder.Decode(line, i + 1), output, error, asJson);
                    }
                }
                else
                {
                    if (!console.IsInputRedirected)
                    {
                        error.WriteLine("reading ERXUDP lines or hex frames from standard input; end with Ctrl-D");
                    }

                    // Reading and decoding here, printing on a second thread (DecodeReportQueue), in order.
                    using var queue = new DecodeReportQueue(result => Report(result, output, error, asJson), output.Flush);
                    if (console.InputStream is { } stream)
                    {
                        // The bytes of standard input: a log's lines are ASCII and need not become characters.
                        var reader = new Utf8TraceLineReader(stream) { BeforeRead = queue.Flush };
                        while (reader.TryReadLine(out var ascii, out var text, out var length))
                        {
                            queue.Add(length > TraceLineReader.MaxLineLength ? decoder.TooLong(reader.LineNumber, length)
                                : text.IsEmpty ? decoder.DecodeAscii(ascii, reader.LineNumber)
                                : decoder.Decode(text, reader.LineNumber));
                        }
                    }
                    else
                    {
                        var reader = new TraceLineReader(console.Input) { BeforeRead = queue.Flush };
                        while (reader.TryReadLine(out var line, out var length))
                        {
                            queue.Add(length > TraceLineReader.MaxLineLength ? decoder.TooLong(reader.LineNumber, length) : decoder.Decode(line, reader.LineNumber));
                        }
                    }

                    queue.Complete();
                }
            }

            if (decoder.LateScaleHint is string hint)
            {
                error.WriteLine($"note: {hint}");
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decoded {decoder.DecodedCount} frame(s), skipped {decoder.SkippedCount} other line(s), {decoder.FailedCount} line(s) with errors"));
            return decoder.FailedCount > 0 ? ExitCodes.UsageOrInput : ExitCodes.Success;
        });
        return command;
    }

    private static void Report(TraceLine result, DecodeOutput output, TextWriter error, bool asJson)
    {
        switch (result)
        {
            case TraceLine.Failed failed:
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {failed.LineNumber}: {failed.Problem}"));
                break;
            case TraceLine.Decoded decoded:
                if (asJson)
                {
                    output.WriteJson(decoded.Frame);
                }
                else
                {
                    output.WriteText(decoded.Frame);
                }

                // DecodedFrame.Errors, without its enumerators on every frame.
                ReportErrors(decoded.LineNumber, decoded.Frame.Values, error);
                ReportErrors(decoded.LineNumber, decoded.Frame.GetValues, error);
                break;
        }
    }

    private static void ReportErrors(int lineNumber, IReadOnlyList<DecodedProperty>? values, TextWriter error)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i].IsError)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {values[i].Error}"));
            }
        }
    }
}
