using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Logging;

namespace BRoute.SkStack.Device;

/// <summary>Dialect detection (skstack.md §3 SKINFO, §7, §10 item 12). Reads only; never writes a setting.</summary>
public sealed partial class SkDevice
{
    /// <summary>
    /// Identifies the dialect with SKVER, SKAPPVER, SKINFO, ROPT (and SKSREG SA2 on dual-side firmware):
    /// EINFO's 5th token as ADDR16 (<c>FFFE</c>) → single-side (A1 class); a single digit → dual-side (C0/C2 class);
    /// otherwise EVER 1.2.x / 1.5.x as a tentative hint. A family override from the options wins for SIDE.
    /// FAIL answers to any of these are tolerated (the fact stays unknown); timeouts and transport loss propagate.
    /// </summary>
    public async Task<SkDialect> DetectDialectAsync(CancellationToken cancellationToken = default)
    {
        var version = await TolerateFailAsync(GetVersionAsync, cancellationToken).ConfigureAwait(false);
        var appVersion = await TolerateFailAsync(GetAppVersionAsync, cancellationToken).ConfigureAwait(false);
        var info = await TolerateFailAsync(GetInfoAsync, cancellationToken).ConfigureAwait(false);
        ErxudpDataMode? mode;
        bool? hasOptionCommands;
        try
        {
            mode = await ReadDataModeAsync(cancellationToken).ConfigureAwait(false);
            hasOptionCommands = mode is not null; // null: FAIL ER04, ROPT does not exist
        }
        catch (SkCommandFailedException)
        {
            mode = null; // any other FAIL leaves the mode, and whether ROPT exists, unknown
            hasOptionCommands = null;
        }

        bool? singleSide;
        bool tentative;
        string evidence;
        if (_options.Family is { } family && SkDialect.IsKnownFamily(family))
        {
            singleSide = family.IsSingleSide();
            tentative = false;
            evidence = $"family {family} given by the user";
        }
        else if (info?.Addr16 is { } addr16)
        {
            singleSide = true;
            tentative = false;
            evidence = $"EINFO 5th token {addr16:X4} is an ADDR16 (single-side firmware)";
        }
        else if (info?.Side is { } side)
        {
            singleSide = false;
            tentative = false;
            evidence = $"EINFO 5th token {side} is a side digit (dual-side firmware)";
        }
        else if (version is not null && version.StartsWith("1.2.", StringComparison.Ordinal))
        {
            singleSide = true;
            tentative = true;
            evidence = $"EVER {version} (1.2.x is single-side firmware); EINFO gave no answer";
        }
        else if (version is not null && version.StartsWith("1.5.", StringComparison.Ordinal))
        {
            singleSide = false;
            tentative = true;
            evidence = $"EVER {version} (1.5.x is dual-side firmware); EINFO gave no answer";
        }
        else
        {
            singleSide = null;
            tentative = true;
            evidence = "no decisive answer from EINFO or EVER; assuming dual-side until the dongle shows otherwise";
        }

        var layout = ErxudpLayout.NineTokens;
        if (singleSide != true)
        {
            var sa2 = await TolerateFailAsync(ct => ReadRegisterAsync(SkRegister.Sa2, ct), cancellationToken).ConfigureAwait(false);
            layout = sa2 is not null && sa2.TrimStart('0') == "1" ? ErxudpLayout.ElevenTokensWithRssiAndSide : ErxudpLayout.TenTokensWithSide;
        }

        var (candidates, representative) = FamilyDetection.Candidates(singleSide, hasOptionCommands);
        var given = _options.Family is { } option && option != DongleFamily.Unknown ? option : (DongleFamily?)null;
        var dialect = new SkDialect
        {
            Family = given ?? representative,
            Candidates = given is { } g ? [g] : candidates,
            IsFamilyIdentified = given is not null || candidates.Count == 1,
            HasSideArgument = singleSide != true,
            ErxudpLayout = layout,
            DataMode = mode,
            Version = version,
            AppVersion = appVersion,
            IsTentative = tentative,
            IsDetected = true,
            Evidence = hasOptionCommands switch
            {
                true => $"{evidence}; ROPT answered (ROHM firmware)",
                false => $"{evidence}; ROPT answered FAIL ER04 (no WOPT/ROPT: Tessera RL7023 firmware)",
                null => evidence,
            },
        };
        Volatile.Write(ref _dialect, dialect);
        SkLog.DialectDetected(_logger, dialect.ToString());
        return dialect;
    }

    private async Task<SkDialect> EnsureDialectAsync(CancellationToken cancellationToken)
    {
        var dialect = Dialect;
        return dialect.IsDetected ? dialect : await DetectDialectAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T?> TolerateFailAsync<T>(Func<CancellationToken, Task<T>> command, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await command(cancellationToken).ConfigureAwait(false);
        }
        catch (SkCommandFailedException)
        {
            return null;
        }
    }

    /// <summary>Run-time evidence from a received ERXUDP: its layout (and, when the SIDE decision is a guess, that decision).</summary>
    private void Observe(Erxudp erxudp)
    {
        var dialect = Dialect;
        if (dialect.ErxudpLayout == erxudp.Layout && dialect.DataMode is not null && (!dialect.IsTentative || !dialect.IsDetected))
        {
            return;
        }

        var hasSide = erxudp.Layout != ErxudpLayout.NineTokens;
        string? reason = null;
        if (dialect.ErxudpLayout != erxudp.Layout || (dialect.IsTentative && dialect.IsDetected && dialect.HasSideArgument != hasSide))
        {
            reason = $"ERXUDP arrived with {(hasSide ? erxudp.Layout == ErxudpLayout.TenTokensWithSide ? "10" : "11" : "9")} tokens";
        }

        Correct(
            d => d with
            {
                ErxudpLayout = erxudp.Layout,
                DataMode = d.DataMode ?? erxudp.DataMode,
                HasSideArgument = d.IsTentative && d.IsDetected ? hasSide : d.HasSideArgument,
                IsTentative = d.IsTentative && !d.IsDetected,
            },
            reason);
    }

    private void Correct(Func<SkDialect, SkDialect> change, string? reason)
    {
        while (true)
        {
            var current = Volatile.Read(ref _dialect);
            var next = change(current);
            if (reason is not null)
            {
                next = next with { Evidence = $"{current.Evidence}; corrected: {reason}" };
            }

            if (Interlocked.CompareExchange(ref _dialect, next, current) == current)
            {
                if (reason is not null)
                {
                    SkLog.DialectCorrected(_logger, reason);
                }

                return;
            }
        }
    }
}
