namespace BRoute.SkStack.Grammar;

/// <summary>Virtual register names for SKSREG (skstack.md §4), written as most clients write them.</summary>
public static class SkRegister
{
    /// <summary>S2: logical channel (hex 21–3C).</summary>
    public const string Channel = "S2";

    /// <summary>S3: PAN ID.</summary>
    public const string PanId = "S3";

    /// <summary>S0A: pairing ID (8 ASCII chars).</summary>
    public const string PairingId = "S0A";

    /// <summary>S16: PANA session lifetime in seconds (hex).</summary>
    public const string SessionLifetime = "S16";

    /// <summary>S17: automatic re-authentication (0/1).</summary>
    public const string AutoReauthentication = "S17";

    /// <summary>SA2: vendor-dependent; on C0/C2 it switches the RSSI token of ERXUDP on (1) or off (0).</summary>
    public const string Sa2 = "SA2";

    /// <summary>SFB: transmission-time limit currently active (read-only).</summary>
    public const string TransmissionLimitActive = "SFB";

    /// <summary>SFD: accumulated transmission time in ms (read-only).</summary>
    public const string TransmissionTime = "SFD";

    /// <summary>SFE: echo-back (0/1, default 1).</summary>
    public const string Echo = "SFE";
}
