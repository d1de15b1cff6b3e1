using BRoute.Cli.Logging;
using BRoute.Cli.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Cli.Tests.Logging;

public sealed class TextWriterLoggerProviderTests
{
    private static (StringWriter Text, ILogger Logger, TextWriterLoggerProvider Provider) Create(LogLevel minimum)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 8, 30, 0, 123, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var text = new StringWriter();
        var provider = new TextWriterLoggerProvider(text, minimum, SecretRedactor.For([Planted.Password]), clock);
        return (text, provider.CreateLogger("BRoute.Session.MeterSession"), provider);
    }

    [Fact]
    public void Lines_carry_time_level_short_category_and_are_redacted()
    {
        var (text, logger, provider) = Create(LogLevel.Trace);
        using (provider)
        {
            logger.LogTrace("password is {Password}", Planted.Password);
            logger.LogInformation("joined");
        }

        Assert.Equal(
            "08:30:00.123 trce MeterSession: password is ************\n08:30:00.123 info MeterSession: joined\n",
            text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Levels_below_the_minimum_are_dropped()
    {
        var (text, logger, _) = Create(LogLevel.Warning);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Error));
        Assert.False(logger.IsEnabled(LogLevel.None));
        logger.LogDebug("hidden");
        logger.LogError("shown");

        Assert.Equal("08:30:00.123 fail MeterSession: shown", text.ToString().Trim());
    }

    [Fact]
    public void Exceptions_show_their_message_normally_and_the_stack_trace_at_debug()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException($"bad {Planted.Password}");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var (quiet, quietLogger, _) = Create(LogLevel.Warning);
        quietLogger.LogWarning(thrown, "lost");
        Assert.Equal("08:30:00.123 warn MeterSession: lost (InvalidOperationException: bad ************)", quiet.ToString().Trim());

        var (loud, loudLogger, _) = Create(LogLevel.Debug);
        loudLogger.LogWarning(thrown, "lost");
        Assert.Contains("   at BRoute.Cli.Tests.Logging.TextWriterLoggerProviderTests", loud.ToString(), StringComparison.Ordinal);
        Planted.AssertAbsent(loud.ToString());
    }

    [Fact]
    public void Without_verbose_a_warning_is_said_once_in_plain_words_without_the_log_format()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 8, 30, 0, 123, TimeSpan.Zero));
        var text = new StringWriter();
        using (var provider = new TextWriterLoggerProvider(text, LogLevel.Warning, SecretRedactor.ForCredentials([Planted.Id], [Planted.Password]), clock, "broute read"))
        {
            var logger = provider.CreateLogger("BRoute.Session.MeterSession");
            logger.LogWarning("EVENT {Code:X2} ({Meaning}) in phase {Phase}", 0x24, "PANA failed", "Joining");
            logger.LogWarning("EVENT {Code:X2} ({Meaning}) in phase {Phase}", 0x24, "PANA failed", "Joining");
            logger.LogError(new TimeoutException("no reply"), "send of PairID:{Pair} failed", Planted.PairId);
            logger.LogInformation("joined");
        }

        var lines = text.ToString().ReplaceLineEndings("\n");
        Assert.Equal("broute read: warning: EVENT 24 (PANA failed) in phase Joining\nbroute read: error: send of PairID:******** failed (no reply)\n", lines);
        Assert.DoesNotMatch(@"(?m)^\d\d:\d\d:\d\d\.\d{3} ", lines);
    }
}
