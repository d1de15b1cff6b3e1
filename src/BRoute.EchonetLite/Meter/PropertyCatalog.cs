using System.Collections.Frozen;
using System.Globalization;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// Names, sizes and access rules of the properties this library understands. The meaning of an
/// EPC depends on the object class (0xD3 is the coefficient on the meter but the number of
/// instances on the node profile), so every lookup takes the class code.
/// </summary>
/// <remarks>
/// Classes: 0x0288 (meter: super class + class properties), 0x0EF0 (node profile), and any other
/// device class (class group other than 0x0E): the super-class properties 0x80–0x9F only.
/// </remarks>
public static class PropertyCatalog
{
    /// <summary>Low-voltage smart electric energy meter class.</summary>
    public const ushort SmartMeterClass = 0x0288;

    /// <summary>Node profile class.</summary>
    public const ushort NodeProfileClass = 0x0EF0;

    /// <summary>Pseudo class code of the device-object super-class entries.</summary>
    public const ushort SuperClass = 0x0000;

    private static readonly ClassTable SuperClassProperties = new(SuperClassTable.Entries);

    private static readonly ClassTable MeterProperties = new(SuperClassTable.Entries.Concat(SmartMeterTable.Entries));

    private static readonly ClassTable NodeProfileProperties = new(NodeProfileTable.Entries);

    /// <summary>Every property of the meter (super class and class 0x0288), by EPC.</summary>
    public static IReadOnlyList<PropertyInfo> SmartMeter => MeterProperties.List;

    /// <summary>The node-profile properties, by EPC.</summary>
    public static IReadOnlyList<PropertyInfo> NodeProfile => NodeProfileProperties.List;

    /// <summary>The properties known for a class (empty for classes in the profile group other than 0x0EF0).</summary>
    public static IReadOnlyList<PropertyInfo> ForClass(ushort classCode) => TableFor(classCode)?.List ?? [];

    /// <summary>Looks up an EPC of a class; null when unknown.</summary>
    public static PropertyInfo? Find(ushort classCode, byte epc) =>
        TableFor(classCode) is { } table && table.ByEpc.TryGetValue(epc, out var info) ? info : null;

    /// <summary>
    /// Looks up a property of a class by its snake_case name (case-insensitive) or its EPC written
    /// as "0xE7" or "E7". For an EPC that the catalog does not know, returns true with
    /// <paramref name="info"/> null and the EPC in <paramref name="epc"/>.
    /// </summary>
    public static bool TryResolve(ushort classCode, string nameOrEpc, out byte epc, out PropertyInfo? info)
    {
        ArgumentNullException.ThrowIfNull(nameOrEpc);
        var text = nameOrEpc.Trim();
        foreach (var p in ForClass(classCode))
        {
            if (string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                epc = p.Epc;
                info = p;
                return true;
            }
        }

        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 2 && byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out epc))
        {
            info = Find(classCode, epc);
            return true;
        }

        epc = 0;
        info = null;
        return false;
    }

    /// <summary>Name for any EPC: the catalog name, or "unknown_0xNN".</summary>
    public static string NameOf(ushort classCode, byte epc) => Find(classCode, epc)?.Name ?? UnknownName(epc);

    internal static string UnknownName(byte epc) => $"unknown_0x{epc:X2}";

    /// <summary>The one place that says which table a class uses; null for a profile class other than 0x0EF0.</summary>
    private static ClassTable? TableFor(ushort classCode) => classCode switch
    {
        SmartMeterClass => MeterProperties,
        NodeProfileClass => NodeProfileProperties,
        _ when classCode >> 8 != 0x0E => SuperClassProperties,
        _ => null,
    };

    /// <summary>One class's entries, as a list ascending by EPC and as a lookup by EPC.</summary>
    private sealed class ClassTable
    {
        public ClassTable(IEnumerable<PropertyInfo> entries)
        {
            List = entries.OrderBy(p => p.Epc).ToArray().AsReadOnly();
            ByEpc = List.ToFrozenDictionary(p => p.Epc);
        }

        public IReadOnlyList<PropertyInfo> List { get; }

        public FrozenDictionary<byte, PropertyInfo> ByEpc { get; }
    }
}
