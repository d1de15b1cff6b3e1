namespace BRoute.SkStack.Grammar;

/// <summary>EVENT numbers (skstack.md §5). Values are the hex numbers on the wire.</summary>
public enum SkEventCode : byte
{
    NeighborSolicitationReceived = 0x01,
    NeighborAdvertisementReceived = 0x02,
    EchoRequestReceived = 0x05,
    EnergyDetectScanFinished = 0x1F,
    BeaconReceived = 0x20,
    UdpSendFinished = 0x21,
    ActiveScanFinished = 0x22,
    PanaConnectionFailed = 0x24,
    PanaConnectionSucceeded = 0x25,
    SessionTerminationRequested = 0x26,
    SessionTerminationCompleted = 0x27,
    SessionTerminationTimedOut = 0x28,
    SessionLifetimeExpired = 0x29,
    TransmissionLimitExceeded = 0x32,
    TransmissionLimitReleased = 0x33,
    WokeUp = 0xC0,
}

/// <summary>PARAM of EVENT 21 (skstack.md §5).</summary>
public enum UdpSendResult : byte
{
    /// <summary>00: sent (unicast: MAC ACK received).</summary>
    Success = 0x00,

    /// <summary>01: failed (carrier sense busy, TX-time limit, or no ACK).</summary>
    Failure = 0x01,

    /// <summary>02: a Neighbor Solicitation was sent; the datagram follows after address resolution.</summary>
    NeighborSolicitation = 0x02,
}

/// <summary>FAIL ERxx codes (skstack.md §2).</summary>
public enum SkErrorCode : byte
{
    ER04 = 4,
    ER05 = 5,
    ER06 = 6,
    ER09 = 9,
    ER10 = 10,
}
