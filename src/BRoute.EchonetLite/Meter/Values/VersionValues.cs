using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>Device-object 0x82: the Appendix release letter and its revision number.</summary>
public sealed record StandardVersionValue(char Release, int Revision) : MeterValue
{
    /// <summary>Writes <c>{"release":"R","revision":2}</c>.</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("release", Release.ToString());
        writer.WriteNumber("revision", Revision);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => string.Create(CultureInfo.InvariantCulture, $"Release {Release} rev. {Revision}");
}

/// <summary>Node-profile 0x82: ECHONET Lite major/minor version and the message-format bitmap.</summary>
public sealed record ProfileVersionValue(int Major, int Minor, byte Formats) : MeterValue
{
    /// <summary>Writes <c>{"major":1,"minor":14,"formats":"0x01"}</c>.</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("major", Major);
        writer.WriteNumber("minor", Minor);
        writer.WriteString("formats", $"0x{Formats:X2}");
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => string.Create(CultureInfo.InvariantCulture, $"Ver. {Major}.{Minor:D2}, formats 0x{Formats:X2}");
}
