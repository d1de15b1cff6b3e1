using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;

namespace BRoute.Simulator.Meter;

/// <summary>The node profile object 0x0EF001 of the meter node (echonet-lite.md §8).</summary>
internal sealed class NodeProfile
{
    private static readonly byte[] Properties = [0x80, 0x82, 0x83, 0x8A, 0x9D, 0x9E, 0x9F, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7];

    /// <summary>The node's device objects (D3, D5, D6): one instance, the meter.</summary>
    private static readonly Eoj[] Instances = [Eoj.SmartMeter];

    /// <summary>The node's device classes (D7); D4 counts the node profile class as well.</summary>
    private static readonly ushort[] Classes = [PropertyCatalog.SmartMeterClass];

    private readonly uint _manufacturerCode;
    private readonly byte[] _identification;

    public NodeProfile(uint manufacturerCode, ulong seed)
    {
        _manufacturerCode = manufacturerCode;
        _identification = SimulatorEdt.SeededIdentifier(0xFE, manufacturerCode, 17, seed, salt: 200);
    }

    /// <summary>D5/D6 content: one instance, the meter.</summary>
    public static byte[] InstanceList => InstanceListCodec.Encode(Instances);

    /// <summary>The INF the meter multicasts after every (re)join: TID 0, 0EF001 → 0EF001, D5.</summary>
    public static byte[] InstanceListNotification() => FrameCodec.Encode(
        new EchonetFrame(0, Eoj.NodeProfile, Eoj.NodeProfile, Esv.Inf, [new EchonetProperty(0xD5, InstanceList)]));

    public byte[]? Read(byte epc) => epc switch
    {
        0x80 => MeterValueEncoder.OperationStatus(on: true), // 0x30 booting
        0x82 => MeterValueEncoder.ProfileVersion(major: 1, minor: 13, formats: 0x01), // ECHONET Lite 1.13, specified message format
        0x83 => (byte[])_identification.Clone(),
        0x8A => MeterValueEncoder.ManufacturerCode(_manufacturerCode),
        0x9D => PropertyMap.Create(0x80, 0xD5).Encode(),
        0x9E => PropertyMap.Empty.Encode(),
        0x9F => PropertyMap.Create(Properties).Encode(),
        0xD3 => MeterValueEncoder.InstanceCount(Instances.Length),
        0xD4 => MeterValueEncoder.ClassCount(Classes.Length + 1),
        0xD5 => InstanceList,
        0xD6 => InstanceList,
        0xD7 => ClassListCodec.Encode(Classes),
        _ => null,
    };
}
