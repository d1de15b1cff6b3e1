using System.Text.Json;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;

namespace BRoute.EchonetLite.Meter;

/// <summary>0x9D/0x9E/0x9F: a property map; JSON is a list of "0xNN" strings, ascending.</summary>
public sealed record PropertyMapValue(PropertyMap Map) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var epc in Map.ToArray())
        {
            writer.WriteStringValue($"0x{epc:X2}");
        }

        writer.WriteEndArray();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        Map.Count == 0 ? "(none)" : $"{Map.Count}: {string.Join(' ', Map.ToArray().Select(e => $"0x{e:X2}"))}";
}

/// <summary>Node-profile 0xD5/0xD6: EOJs; JSON is a list of strings like "028801".</summary>
public sealed record InstanceListValue(IReadOnlyList<Eoj> Instances) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var eoj in Instances)
        {
            writer.WriteStringValue(eoj.ToString());
        }

        writer.WriteEndArray();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => Instances.Count == 0 ? "(none)" : string.Join(", ", Instances);
}

/// <summary>Node-profile 0xD7: class codes; JSON is a list of strings like "0288".</summary>
public sealed record ClassListValue(IReadOnlyList<ushort> ClassCodes) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var code in ClassCodes)
        {
            writer.WriteStringValue($"{code:X4}");
        }

        writer.WriteEndArray();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        ClassCodes.Count == 0 ? "(none)" : string.Join(", ", ClassCodes.Select(c => $"{c:X4}"));
}
