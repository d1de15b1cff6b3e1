using BRoute.EchonetLite.Meter;
using System.Reflection;
using System.Text.Json;
using BRoute.Storage;
using BRoute.Web.Cost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BRoute.Web.Dashboard;

/// <summary>
/// The JSON API under <c>/api/</c> that the page uses (and anyone may): meters, now, samples, half-hours, daily and
/// monthly totals, status, and a server-sent event stream of live changes. A bad parameter gets a 400 saying what is
/// wrong; a meter that is not known gets a 404.
/// </summary>
public static class DashboardApi
{
    /// <summary>The longest range a samples or half-hours request may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>Samples requests longer than this are answered with one-minute means.</summary>
    public static readonly TimeSpan RawSamplesUpTo = TimeSpan.FromHours(36);

    private static readonly TimeSpan Jst = MeterTimeZone.Offset;

    /// <summary>Maps the API onto <paramref name="app"/>; with a <paramref name="tariff"/>, daily and monthly totals carry yen.</summary>
    public static void Map(IEndpointRouteBuilder app, MeterStore store, LiveState live, TimeProvider time, Tariff? tariff = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api");
        api.MapGet("/meters", () => Results.Json(live.Meters.Select(Meter).ToArray(), ApiJson.Default.ApiMeterArray));
        api.MapGet("/now", (HttpRequest request) => WithMeter(request, live, id => Results.Json(Now(live.Get(id) ?? new MeterLive { MeterId = id }, time), ApiJson.Default.ApiNow)));
        api.MapGet("/status", () => Results.Json(new ApiStatus([.. live.Meters.Select(m => Now(m, time))], Version()), ApiJson.Default.ApiStatus));
        api.MapGet("/samples", (HttpRequest request, CancellationToken ct) => WithMeterAsync(request, live, id => SamplesAsync(request, store, id, time, ct)));
        api.MapGet("/half-hours", (HttpRequest request, CancellationToken ct) => WithMeterAsync(request, live, id => HalfHoursAsync(request, store, id, time, ct)));
        api.MapGet("/daily", (HttpRequest request, CancellationToken ct) => WithMeterAsync(request, live, id => TotalsAsync(request, store, id, time, tariff, monthly: false, ct)));
        api.MapGet("/monthly", (HttpRequest request, CancellationToken ct) => WithMeterAsync(request, live, id => TotalsAsync(request, store, id, time, tariff, monthly: true, ct)));
        api.MapGet("/stream", (HttpContext context) => StreamAsync(context, live, time));
    }

    private static ApiMeter Meter(MeterLive m) => new(
        m.MeterId,
        m.Identity?.SerialNumber,
        m.Identity?.MakerCode,
        m.State?.Kind.ToString().ToLowerInvariant(),
        m.State?.Since,
        m.State?.Reason,
        m.Identity?.SinglePhaseTwoWire ?? false,
        m.Identity?.MeasuresExport ?? false);

    private static ApiNow Now(MeterLive m, TimeProvider time)
    {
        var stats = m.Counters?.Statistics;
        var link = new ApiLink(
            stats?.LinkQuality.LastRssiDbm,
            stats?.LinkQuality.LastLqi,
            stats?.Requests ?? 0,
            stats?.Retries ?? 0,
            m.Counters?.Reconnects ?? 0,
            stats?.AirTimeThisHour.TotalSeconds ?? 0,
            360);
        return new ApiNow(
            Meter(m),
            m.PowerW,
            m.CurrentRA,
            m.CurrentTA,
            m.ReadAt,
            m.ReadAt is { } at ? Math.Round((time.GetUtcNow() - at).TotalSeconds, 1) : null,
            m.LastHalfHour,
            link,
            m.Backfill is { } b && b.Done < b.Total ? new ApiBackfill(b.Day, b.Done, b.Total) : null);
    }

    private static async Task<IResult> SamplesAsync(HttpRequest request, MeterStore store, string id, TimeProvider time, CancellationToken ct)
    {
        var query = new ApiQuery(request);
        var now = time.GetUtcNow();
        var to = query.Time("to", now);
        var from = query.Time("from", to.AddHours(-6));
        query.Range(from, to, MaxRange);
        if (query.Problem is { } problem)
        {
            return BadRequest(problem);
        }

        var samples = to - from <= RawSamplesUpTo
            ? await SampleSeries.RawAsync(store, id, from, to, ct).ConfigureAwait(false)
            : await SampleSeries.MinuteMeansAsync(store, id, from, to, ct).ConfigureAwait(false);
        return Results.Json(samples, ApiJson.Default.ApiSamples);
    }

    private static Task<IResult> HalfHoursAsync(HttpRequest request, MeterStore store, string id, TimeProvider time, CancellationToken ct)
    {
        var query = new ApiQuery(request);
        var now = time.GetUtcNow();
        var to = query.Time("to", now);
        var from = query.Time("from", to.AddDays(-2));
        query.Range(from, to, MaxRange);
        if (query.Problem is { } problem)
        {
            return Task.FromResult(BadRequest(problem));
        }

        return Task.FromResult<IResult>(new HalfHoursResult(id, store.HalfHours.ValuesAsync(id, from, to, ct)));
    }

    private static async Task<IResult> TotalsAsync(HttpRequest request, MeterStore store, string id, TimeProvider time, Tariff? tariff, bool monthly, CancellationToken ct)
    {
        var query = new ApiQuery(request);
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Jst).DateTime);
        var last = query.Day("to", today);
        var first = query.Day("from", monthly ? new DateOnly(last.Year, last.Month, 1).AddMonths(-11) : last.AddDays(-30));
        if (last < first)
        {
            query.Fail("'to' is before 'from'");
        }
        else if (last.DayNumber - first.DayNumber > (monthly ? 3700 : 400))
        {
            query.Fail($"the range is too long; ask for at most {(monthly ? "10 years of months" : "400 days")}");
        }

        if (query.Problem is { } problem)
        {
            return BadRequest(problem);
        }

        var totals = monthly
            ? Costs.Monthly(await store.Totals.MonthlyAsync(id, first, last, ct).ConfigureAwait(false), tariff)
            : Costs.Daily(await store.Totals.DailyAsync(id, tariff is null ? first : new DateOnly(first.Year, first.Month, 1), last, ct).ConfigureAwait(false), tariff, first);
        return Results.Json(new ApiTotals(id, totals), ApiJson.Default.ApiTotals);
    }

    private static async Task StreamAsync(HttpContext context, LiveState live, TimeProvider time)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var (reader, registration) = live.Listen();
        // The stream ends when the page goes away or the server stops (else stopping would wait for the page).
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using (registration)
        {
            var ct = ended.Token;
            try
            {
                // Tell the page to retry after 3 s when the daemon restarts, then the current values, then changes.
                await context.Response.WriteAsync("retry: 3000\n\n", ct).ConfigureAwait(false);
                foreach (var meter in live.Meters)
                {
                    await SendAsync(context, meter, time, ct).ConfigureAwait(false);
                }

                await foreach (var meter in reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    await SendAsync(context, meter, time, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away, or the server is stopping (the page reconnects to the next one).
            }
        }
    }

    private static async Task SendAsync(HttpContext context, MeterLive meter, TimeProvider time, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(Now(meter, time), ApiJson.Default.ApiNow);
        await context.Response.WriteAsync($"event: now\ndata: {json}\n\n", ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static IResult WithMeter(HttpRequest request, LiveState live, Func<string, IResult> answer) =>
        ResolveMeter(request, live) is { } id ? answer(id) : MeterProblem(request, live);

    private static async Task<IResult> WithMeterAsync(HttpRequest request, LiveState live, Func<string, Task<IResult>> answer) =>
        ResolveMeter(request, live) is { } id ? await answer(id).ConfigureAwait(false) : MeterProblem(request, live);

    private static string? ResolveMeter(HttpRequest request, LiveState live)
    {
        var asked = request.Query["meter"].ToString();
        var meters = live.Meters;
        if (asked.Length == 0)
        {
            return meters.Count > 0 ? meters[0].MeterId : null;
        }

        return meters.FirstOrDefault(m => string.Equals(m.MeterId, asked, StringComparison.OrdinalIgnoreCase))?.MeterId;
    }

    private static IResult MeterProblem(HttpRequest request, LiveState live)
    {
        var asked = request.Query["meter"].ToString();
        var known = string.Join(", ", live.Meters.Select(m => m.MeterId));
        return asked.Length == 0
            ? Results.Json(new ApiError("no meter has been seen yet: the daemon is still connecting"), ApiJson.Default.ApiError, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new ApiError($"no meter '{(asked.Length > 20 ? asked[..20] + "…" : asked)}'; known: {(known.Length == 0 ? "none yet" : known)}"), ApiJson.Default.ApiError, statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult BadRequest(string problem) => Results.Json(new ApiError(problem), ApiJson.Default.ApiError, statusCode: StatusCodes.Status400BadRequest);

    private static string Version() => typeof(DashboardApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
