namespace BRoute.SkStack.Grammar;

/// <summary>SKSCAN MODE (skstack.md §3).</summary>
public enum SkScanMode : byte
{
    /// <summary>0: energy-detect scan; ends with EVENT 1F + EEDSCAN.</summary>
    EnergyDetect = 0,

    /// <summary>2: active scan with pairing IE (PairID in EPANDESC); the B-route scan.</summary>
    ActiveWithPairingId = 2,

    /// <summary>3: active scan without the pairing IE.</summary>
    Active = 3,
}
