using System.Text.Json.Serialization;

namespace BRoute.Web.Dashboard;

/// <summary>A meter in <c>/api/meters</c> and <c>/api/now</c>.</summary>
public sealed record ApiMeter(string Meter, string? Serial, string? Maker, string? State, DateTimeOffset? StateSince, string? StateReason, bool SinglePhase, bool MeasuresExport);

/// <summary><c>/api/now</c>: the latest values of one meter and the health of its link.</summary>
public sealed record ApiNow(
    ApiMeter Meter,
    decimal? PowerW,
    decimal? CurrentRA,
    decimal? CurrentTA,
    DateTimeOffset? ReadAt,
    double? AgeSeconds,
    DateTimeOffset? LastHalfHour,
    ApiLink Link,
    ApiBackfill? Backfill);

/// <summary>The link: RSSI/LQI where the dongle reports it, resends, reconnects and radio-time use.</summary>
public sealed record ApiLink(double? RssiDbm, int? Lqi, long Requests, long Resends, long Reconnects, double TransmitSeconds, double TransmitBudgetSeconds);

/// <summary>A history backfill under way.</summary>
public sealed record ApiBackfill(DateOnly Day, int Done, int Total);

/// <summary><c>/api/samples</c>: columns for a chart (times as Unix seconds); "no data" is null.</summary>
public sealed record ApiSamples(string Meter, string Resolution, IReadOnlyList<long> Time, IReadOnlyList<double?> PowerW, IReadOnlyList<double?> CurrentRA, IReadOnlyList<double?> CurrentTA);

/// <summary>One half-hour in <c>/api/half-hours</c>.</summary>
public sealed record ApiHalfHour(DateTimeOffset SlotEnd, decimal? ImportKwh, decimal? ExportKwh, decimal? ImportDeltaKwh, decimal? ExportDeltaKwh, string? Source);

/// <summary><c>/api/half-hours</c>.</summary>
public sealed record ApiHalfHours(string Meter, IReadOnlyList<ApiHalfHour> Slots);

/// <summary>One day or month in <c>/api/daily</c>, <c>/api/monthly</c>; yen only where a tariff is configured and the period has data.</summary>
public sealed record ApiTotal(
    DateOnly Start,
    DateOnly End,
    decimal? ImportKwh,
    decimal? ExportKwh,
    bool Complete,
    int Slots,
    int KnownSlots,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Yen = null);

/// <summary><c>/api/daily</c> and <c>/api/monthly</c>.</summary>
public sealed record ApiTotals(string Meter, IReadOnlyList<ApiTotal> Totals);

/// <summary>A 400 answer: what is wrong and how to ask.</summary>
public sealed record ApiError(string Error);

/// <summary><c>/api/status</c>.</summary>
public sealed record ApiStatus(IReadOnlyList<ApiNow> Meters, string Version);

/// <summary>Source-generated JSON (works trimmed and AOT): snake_case names, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiMeter[]))]
[JsonSerializable(typeof(ApiNow))]
[JsonSerializable(typeof(ApiSamples))]
[JsonSerializable(typeof(ApiHalfHours))]
[JsonSerializable(typeof(ApiTotals))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ApiStatus))]
public sealed partial class ApiJson : JsonSerializerContext;
