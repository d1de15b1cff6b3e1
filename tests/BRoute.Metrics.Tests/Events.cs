using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;

namespace BRoute.Metrics.Tests;

/// <summary>Monitor events as a session would emit them for the test meter.</summary>
internal static class Events
{
    public const string Meter = "001C640000A1B2C3";
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 19, 0, 0, TimeSpan.FromHours(9));

    public static MeterIdentity Identity(byte digits = 6, decimal kwhPerCount = 0.1m, bool singlePhase = false) =>
        new(Meter, "000016", "SIM000000001", "Appendix F", 1, kwhPerCount, digits, MeasuresExport: true, SinglePhaseTwoWire: singlePhase);

    public static Measurement Value(Quantity quantity, decimal? value, DateTimeOffset at, ValueStatus status = ValueStatus.Ok) =>
        new(Meter, quantity, value, status, null, at, ValueSource.Get);

    public static MeasurementsEvent Read(DateTimeOffset at, params Measurement[] measurements) => new(at, measurements);

    public static HalfHourEvent Slot(DateTimeOffset end, decimal? import, decimal? export, ValueSource source = ValueSource.Notification) =>
        new(end, new HalfHour(Meter, end, Energy(import), Energy(export), source));

    public static CountersEvent Counters(DateTimeOffset at, long requests, long retries, long stale, long reauths, long reconnects, TimeSpan air, byte? lqi = null) =>
        new(at, Meter, new SessionStatistics
        {
            Requests = requests,
            Retries = retries,
            Reauthentications = reauths,
            AirTimeThisHour = air,
            Dropped = new Dictionary<string, long> { ["stale"] = stale, ["duplicate"] = 1, ["unknown_tid"] = 5 },
            LinkQuality = lqi is byte l ? MeterLinkQuality.Empty with { LastLqi = l, MinLqi = l, MaxLqi = l, MeanLqi = l, FramesWithLqi = 1, MeterFrames = 1 } : MeterLinkQuality.Empty,
        }, reconnects);

    public static StateChangedEvent State(MonitorStateKind kind, DateTimeOffset at) => new(at, new MonitorState(Meter, kind, at));

    /// <summary>A day in the life: identity, connected, readings, four half-hours, counters with link quality.</summary>
    public static IEnumerable<MonitorEvent> Typical()
    {
        yield return new MeterIdentifiedEvent(T0, Identity());
        yield return State(MonitorStateKind.Connected, T0);
        yield return Read(T0.AddSeconds(10), Value(Quantity.Power, 628, T0.AddSeconds(10)), Value(Quantity.CurrentR, 5.7m, T0.AddSeconds(10)), Value(Quantity.CurrentT, 4.7m, T0.AddSeconds(10)));
        yield return Read(T0.AddSeconds(60), Value(Quantity.ImportEnergy, 8000.1m, T0.AddSeconds(60)), Value(Quantity.ExportEnergy, 12.5m, T0.AddSeconds(60)));
        yield return Slot(T0, 7999.5m, 12.4m);
        yield return Slot(T0.AddMinutes(30), 8000.1m, 12.5m);
        yield return Counters(T0.AddMinutes(31), 40, 3, 2, 1, 0, TimeSpan.FromSeconds(4.25), lqi: 120);
    }

    private static SlotEnergy Energy(decimal? kwh) => kwh is decimal k ? SlotEnergy.Of(k) : SlotEnergy.Absent;
}
