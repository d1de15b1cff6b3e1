namespace BRoute.Simulator.Meter;

/// <summary>The node profile object 0x0EF001 of the meter node (echonet-lite.md §8).</summary>
internal sealed class NodeProfile
{
    private static readonly byte[] Properties = [0x80, 0x82, 0x83, 0x8A, 0x9D, 0x9E, 0x9F, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7];
    private readonly byte[] _maker;
    private readonly byte[] _identification;

    public NodeProfile(uint manufacturerCode, ulong seed)
    {
        _maker = [(byte)(manufacturerCode >> 16), (byte)(manufacturerCode >> 8), (byte)manufacturerCode];
        _identification = new byte[17];
        _identification[0] = 0xFE;
        _maker.CopyTo(_identification, 1);
        for (var i = 4; i < 17; i++)
        {
            _identification[i] = (byte)Timing.DeterministicRandom.Hash(seed, (ulong)(200 + i));
        }
    }

    /// <summary>D5/D6 content: one instance, the meter.</summary>
    public static byte[] InstanceList => MeterEdt.InstanceList(((byte)0x02, (byte)0x88, (byte)0x01));

    /// <summary>The INF the meter multicasts after every (re)join: TID 0, 0EF001 → 0EF001, D5.</summary>
    public static byte[] InstanceListNotification() => BRoute.EchonetLite.Frames.FrameCodec.Encode(
        new BRoute.EchonetLite.Frames.EchonetFrame(
            0, BRoute.EchonetLite.Frames.Eoj.NodeProfile, BRoute.EchonetLite.Frames.Eoj.NodeProfile, BRoute.EchonetLite.Frames.Esv.Inf,
            [new BRoute.EchonetLite.Frames.EchonetProperty(0xD5, InstanceList)]));

    public byte[]? Read(byte epc) => epc switch
    {
        0x80 => [0x30],
        0x82 => [0x01, 0x0D, 0x01, 0x00], // ECHONET Lite 1.13, specified message format
        0x83 => (byte[])_identification.Clone(),
        0x8A => (byte[])_maker.Clone(),
        0x9D => MeterEdt.PropertyMap([0x80, 0xD5]),
        0x9E => MeterEdt.PropertyMap([]),
        0x9F => MeterEdt.PropertyMap(Properties),
        0xD3 => [0x00, 0x00, 0x01],
        0xD4 => [0x00, 0x02],
        0xD5 => InstanceList,
        0xD6 => InstanceList,
        0xD7 => [0x01, 0x02, 0x88],
        _ => null,
    };
}
