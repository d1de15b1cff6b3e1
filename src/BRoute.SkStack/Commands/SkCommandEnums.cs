namespace BRoute.SkStack.Commands;

/// <summary>What ends a command on the wire (skstack.md §1, §3).</summary>
public enum SkLineTerminator
{
    /// <summary>CR LF: every SK… command.</summary>
    CrLf,

    /// <summary>CR only: the product-setting commands ROPT, WOPT, RUART, WUART.</summary>
    Cr,

    /// <summary>Nothing: SKSENDTO ends at the last payload byte.</summary>
    None,
}

/// <summary>What completes a command: the lines the device waits for after writing it.</summary>
public enum SkReplyKind
{
    /// <summary><c>OK</c>.</summary>
    Ok,

    /// <summary><c>OK</c> or <c>OK &lt;value&gt;</c> (ROPT, RUART; CR-terminated).</summary>
    OkWithValue,

    /// <summary><c>EVER</c> then <c>OK</c>.</summary>
    VersionThenOk,

    /// <summary><c>EAPPVER</c> then <c>OK</c>.</summary>
    AppVersionThenOk,

    /// <summary><c>EINFO</c> then <c>OK</c>.</summary>
    InfoThenOk,

    /// <summary><c>ESREG</c> then <c>OK</c>.</summary>
    RegisterThenOk,

    /// <summary>One bare IPv6 line and no OK (SKLL64).</summary>
    AddressLine,

    /// <summary><c>EVENT 21</c> for the destination, then <c>OK</c> (SKSENDTO).</summary>
    SendResultThenOk,

    /// <summary>A table header, its rows, then <c>OK</c> (SKTABLE).</summary>
    TableThenOk,
}

/// <summary>SKSENDTO SEC argument (skstack.md §3).</summary>
public enum SkSendSecurity : byte
{
    /// <summary>0: plain text.</summary>
    Plain = 0,

    /// <summary>1: encrypt, or drop the datagram when there is no security association.</summary>
    Encrypted = 1,

    /// <summary>2: encrypt if possible, otherwise plain.</summary>
    EncryptedIfPossible = 2,
}

/// <summary>SKTABLE MODE (skstack.md §3).</summary>
public enum SkTableMode : byte
{
    /// <summary>1: EADDR, own IPv6 addresses.</summary>
    Addresses = 0x1,

    /// <summary>2: ENEIGHBOR, the neighbour cache.</summary>
    Neighbors = 0x2,

    /// <summary>9: ENBR.</summary>
    NeighborTable = 0x9,

    /// <summary>A: ESEC.</summary>
    Security = 0xA,

    /// <summary>E: EPORT, UDP/TCP listen ports.</summary>
    Ports = 0xE,

    /// <summary>F: EHANDLE.</summary>
    Handles = 0xF,
}
