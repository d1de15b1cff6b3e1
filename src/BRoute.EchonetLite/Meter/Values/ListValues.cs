using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;

namespace BRoute.EchonetLite.Meter;

/// <summary>0x9D/0x9E/0x9F: a property map.</summary>
public sealed record PropertyMapValue(PropertyMap Map) : MeterValue;

/// <summary>Node-profile 0xD5/0xD6: EOJs.</summary>
public sealed record InstanceListValue(IReadOnlyList<Eoj> Instances) : MeterValue;

/// <summary>Node-profile 0xD7: class codes.</summary>
public sealed record ClassListValue(IReadOnlyList<ushort> ClassCodes) : MeterValue;
