using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Device;

/// <summary>
/// What a dongle's SKSTACK dialect is: whether SKSCAN/SKSENDTO take the SIDE argument, how ERXUDP is laid out and
/// encoded, and the firmware strings it was told from. Immutable; the device replaces it when it learns more.
/// </summary>
public sealed record SkDialect
{
    /// <summary>Nothing known yet; <see cref="SkDevice"/> detects before the first SKSCAN/SKSENDTO.</summary>
    public static SkDialect Undetected { get; } = new()
    {
        Family = DongleFamily.Unknown,
        HasSideArgument = true,
        ErxudpLayout = ErxudpLayout.TenTokensWithSide,
        IsTentative = true,
        IsDetected = false,
        Evidence = "not detected yet",
    };

    /// <summary>
    /// The family: as overridden by the user, else the representative of the detected class — <see cref="DongleFamily.Bp35A1"/>
    /// for single-side firmware, <see cref="DongleFamily.Bp35C2"/> for dual-side firmware (BP35C0, RS-WSUHA and RL7023
    /// Stick-D/DSS print the same). The exact product cannot be read from the dongle.
    /// </summary>
    public DongleFamily Family { get; init; }

    /// <summary>SKSCAN and SKSENDTO take the SIDE argument (C0/C2 dual-side firmware).</summary>
    public bool HasSideArgument { get; init; }

    /// <summary>ERXUDP token layout (the reader accepts all three in any case).</summary>
    public ErxudpLayout ErxudpLayout { get; init; }

    /// <summary>ERXUDP data encoding from ROPT (or observed); null = unknown (the reader detects it per line).</summary>
    public ErxudpDataMode? DataMode { get; init; }

    /// <summary>EVER, e.g. <c>1.2.10</c>.</summary>
    public string? Version { get; init; }

    /// <summary>EAPPVER, e.g. <c>rev26e</c>.</summary>
    public string? AppVersion { get; init; }

    /// <summary>
    /// The SIDE decision is a guess (no decisive evidence, or RL7023 Stick-D/IPS): the device corrects it at run time
    /// (SKSCAN answered FAIL ER05/ER06 → retried in the other form; the first ERXUDP's token count).
    /// </summary>
    public bool IsTentative { get; init; }

    /// <summary>Detection ran or the family was given by the user.</summary>
    public bool IsDetected { get; init; }

    /// <summary>Why: the facts the decision was taken from.</summary>
    public string Evidence { get; init; } = string.Empty;

    /// <summary>The dialect a family is documented to speak (skstack.md legend); RL7023 Stick-D/IPS stays tentative.</summary>
    public static SkDialect ForFamily(DongleFamily family) => family switch
    {
        _ when family.IsSingleSide() => new()
        {
            Family = family,
            HasSideArgument = false,
            ErxudpLayout = ErxudpLayout.NineTokens,
            IsDetected = true,
            Evidence = $"family {family} given by the user (single-side firmware)",
        },
        _ when family.IsDualSide() => new()
        {
            Family = family,
            HasSideArgument = true,
            ErxudpLayout = ErxudpLayout.TenTokensWithSide,
            IsDetected = true,
            Evidence = $"family {family} given by the user (dual-side firmware)",
        },
        _ => Undetected with { Family = family },
    };

    /// <summary>Whether the family's dialect is fixed by documentation (no run-time detection needed for SIDE).</summary>
    public static bool IsKnownFamily(DongleFamily family) => family.IsSingleSide() || family.IsDualSide();

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Family).Append(": ")
            .Append(HasSideArgument ? "SKSCAN/SKSENDTO with SIDE" : "SKSCAN/SKSENDTO without SIDE")
            .Append(IsTentative ? " (tentative)" : string.Empty)
            .Append(", ERXUDP ").Append(ErxudpLayout switch
            {
                ErxudpLayout.NineTokens => "9 tokens",
                ErxudpLayout.TenTokensWithSide => "10 tokens",
                _ => "11 tokens",
            })
            .Append(", data ").Append(DataMode switch
            {
                ErxudpDataMode.AsciiHex => "ASCII-hex",
                ErxudpDataMode.Binary => "binary",
                _ => "mode unknown (detected per line)",
            });
        if (Version is not null)
        {
            text.Append(", EVER ").Append(Version);
        }

        if (AppVersion is not null)
        {
            text.Append(", EAPPVER ").Append(AppVersion);
        }

        return text.Append(" [").Append(Evidence).Append(']').ToString();
    }
}
