using System.Globalization;

namespace BRoute.Scanning;

/// <summary>
/// What a join needs to know about the meter's PAN, as an EPANDESC reports it (skstack.md §6):
/// logical channel (33–60), PAN ID, the meter's 64-bit MAC and the pairing ID.
/// </summary>
public sealed record MeterPan
{
    /// <summary>Lowest logical channel (0x21, 922.5 MHz).</summary>
    public const byte FirstChannel = 33;

    /// <summary>Highest logical channel (0x3C, 927.9 MHz).</summary>
    public const byte LastChannel = 60;

    public MeterPan(byte channel, ushort panId, ulong macAddress, string pairId)
    {
        if (channel is < FirstChannel or > LastChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"the logical channel must be {FirstChannel}–{LastChannel} (0x21–0x3C)");
        }

        ArgumentNullException.ThrowIfNull(pairId);
        Channel = channel;
        PanId = panId;
        MacAddress = macAddress;
        PairId = pairId;
    }

    /// <summary>Logical channel number 33–60 (EPANDESC prints it in hex: 0x21 = 33).</summary>
    public byte Channel { get; }

    /// <summary>PAN ID (EPANDESC "Pan ID", SKSREG S3).</summary>
    public ushort PanId { get; }

    /// <summary>The meter's 64-bit MAC (EPANDESC "Addr"; SKLL64 derives the link-local address from it).</summary>
    public ulong MacAddress { get; }

    /// <summary>Pairing ID the meter announced (EPANDESC "PairID"): the last 8 characters of the B-route ID.</summary>
    public string PairId { get; }

    /// <summary>The MAC as SKSTACK writes it: 16 upper-case hex digits.</summary>
    public string MacHex => MacAddress.ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>Channel, PAN ID and MAC (the pairing ID is left out: it is part of the B-route ID).</summary>
    public override string ToString() => $"channel {Channel} (0x{Channel:X2}), PAN 0x{PanId:X4}, MAC {MacHex}";
}
