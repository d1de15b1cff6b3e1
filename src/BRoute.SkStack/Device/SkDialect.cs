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
    /// The family: as overridden by the user, or the one the dongle's answers allow (<see cref="IsFamilyIdentified"/>),
    /// else the one whose dialect it speaks among <see cref="Candidates"/> — <see cref="DongleFamily.Bp35A1"/> for ROHM
    /// single-side firmware, <see cref="DongleFamily.Bp35C2"/> for ROHM dual-side firmware (BP35C0, BP35C2 and RS-WSUHA
    /// answer alike), <see cref="DongleFamily.Rl7023Dss"/> for dual-side firmware without ROPT.
    /// </summary>
    public DongleFamily Family { get; init; }

    /// <summary>
    /// The families the answers are consistent with (SKINFO's 5th token: single- or dual-side firmware; ROPT: ROHM's
    /// WOPT/ROPT exist, or FAIL ER04 as on Tessera's RL7023 firmware); one when the family is identified, empty when
    /// nothing was detected.
    /// </summary>
    public IReadOnlyList<DongleFamily> Candidates { get; init; } = [];

    /// <summary>
    /// <see cref="Family"/> is the dongle's family (given by the user, or the only one the answers allow); otherwise the
    /// family is unknown and <see cref="Family"/> is the one it behaves like.
    /// </summary>
    public bool IsFamilyIdentified { get; init; }

    /// <summary>"Rl7023Dss", or "unknown (Bp35C0/Bp35C2/RsWsuha), behaves like Bp35C2".</summary>
    public string FamilyText => IsFamilyIdentified || Candidates.Count == 0
        ? Family.ToString()
        : $"unknown ({string.Join("/", Candidates)}), behaves like {Family}";

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
            Candidates = [family],
            IsFamilyIdentified = true,
            Evidence = $"family {family} given by the user (single-side firmware)",
        },
        _ when family.IsDualSide() => new()
        {
            Family = family,
            HasSideArgument = true,
            ErxudpLayout = ErxudpLayout.TenTokensWithSide,
            IsDetected = true,
            Candidates = [family],
            IsFamilyIdentified = true,
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
        text.Append(FamilyText).Append(": ")
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
