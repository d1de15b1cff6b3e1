namespace BRoute.EchonetLite.Meter;

/// <summary>ED/EF: the date-time and number of slots that EC/EE will return.</summary>
public sealed record HistorySettingValue(DateTime Timestamp, int Count) : MeterValue;
