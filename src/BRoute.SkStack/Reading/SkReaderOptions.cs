using BRoute.SkStack.Grammar;
using BRoute.SkStack.Parsing;

namespace BRoute.SkStack.Reading;

/// <summary>Caps and the ERXUDP data-mode expectation of a <see cref="SkReader"/>.</summary>
public sealed record SkReaderOptions
{
    /// <summary>Longest accepted line without ERXUDP data; longer lines are dropped and counted.</summary>
    public int MaxLineLength { get; init; } = SkParserContext.DefaultMaxLineLength;

    /// <summary>Largest accepted ERXUDP DATALEN; larger ones are reported garbled.</summary>
    public int MaxPayloadLength { get; init; } = SkParserContext.DefaultMaxPayloadLength;

    /// <summary>null = detect ASCII-hex / binary per line; a value = strict.</summary>
    public ErxudpDataMode? DataMode { get; init; }
}
