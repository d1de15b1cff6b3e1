namespace BRoute.EchonetLite.Frames;

/// <summary>One property block: EPC, and EDT whose length is the PDC (PDC 0 = no EDT).</summary>
public readonly record struct EchonetProperty(byte Epc, ReadOnlyMemory<byte> Edt)
{
    /// <summary>A property with no data (PDC = 0), as in a Get request.</summary>
    public EchonetProperty(byte epc)
        : this(epc, ReadOnlyMemory<byte>.Empty)
    {
    }

    /// <summary>Property data counter: the EDT length.</summary>
    public int Pdc => Edt.Length;

    /// <inheritdoc/>
    public override string ToString() => $"EPC 0x{Epc:X2} PDC {Pdc} EDT {Convert.ToHexString(Edt.Span)}";

    /// <summary>Value equality on EPC and EDT bytes (record equality would compare memory references).</summary>
    public bool Equals(EchonetProperty other) => Epc == other.Epc && Edt.Span.SequenceEqual(other.Edt.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Epc, Edt.Length);
}
