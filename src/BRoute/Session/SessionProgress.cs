namespace BRoute.Session;

/// <summary>What the session is doing while it connects or reconnects.</summary>
public enum SessionStage
{
    /// <summary>Opening the device (serial port, pty, TCP).</summary>
    OpeningDevice,

    /// <summary>SKVER/SKINFO/ROPT: identifying the dongle's dialect; setting the credentials.</summary>
    PreparingDongle,

    /// <summary>A valid PAN cache entry was found: joining without a scan.</summary>
    UsingCachedPan,

    /// <summary>One active scan of the ladder (see <see cref="SessionProgress.Step"/>, <see cref="SessionProgress.ScanDuration"/>).</summary>
    Scanning,

    /// <summary>SKJOIN issued (see <see cref="SessionProgress.Attempt"/>).</summary>
    Joining,

    /// <summary>Reading the Get property map, coefficient, unit and digits.</summary>
    ReadingMeterInfo,

    /// <summary>The PANA session is up and requests can be sent.</summary>
    Connected,

    /// <summary>The session dropped (EVENT 26–29, transport loss) and is being restored.</summary>
    Reconnecting,

    /// <summary>
    /// Waiting out the quiet period after the previous session's SKTERM before SKJOIN (see <see cref="SessionProgress.Expected"/>
    /// for the wait; <see cref="Connection.ConnectionOptions.QuietPeriod"/>).
    /// </summary>
    WaitingQuietPeriod,
}

/// <summary>
/// One progress report. <see cref="Message"/> is ready to print ("scan 2/10: duration 5 on 28 channels, about 8.9 s");
/// the other members carry the numbers for a progress bar.
/// </summary>
/// <param name="Stage">What is happening.</param>
/// <param name="Message">A line for the user (never contains credentials).</param>
public sealed record SessionProgress(SessionStage Stage, string Message)
{
    /// <summary>Scan step number (1-based) within the ladder.</summary>
    public int? Step { get; init; }

    /// <summary>Number of scan steps in the ladder.</summary>
    public int? Steps { get; init; }

    /// <summary>SKSCAN duration argument of this step.</summary>
    public int? ScanDuration { get; init; }

    /// <summary>Formula time of this scan step; the wait of a <see cref="SessionStage.WaitingQuietPeriod"/> report.</summary>
    public TimeSpan? Expected { get; init; }

    /// <summary>Join attempt number (1-based) since the last success.</summary>
    public int? Attempt { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
