using System.Text;
using BRoute.Fuzz.Inputs;
using BRoute.Web.Dashboard;
using CsCheck;
using Microsoft.AspNetCore.Http;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// The dashboard API's query parameters: raw query strings (mutated from real ones, generated from the API's keys
/// and hostile values, random text) go through ASP.NET Core's own query parsing into <see cref="ApiQuery"/>, read the
/// way each endpoint reads them (/samples, /half-hours: from/to times; /daily, /monthly: from/to days). Each gives
/// values in range or one 400 message — never an exception.
/// </summary>
public static class ApiQueryTargets
{
    private static readonly string[] Seeds =
    [
        "from=2026-11-27T19:00:00%2B09:00&to=2026-11-28T07:00:00%2B09:00",
        "from=1764000000&to=1764086400&meter=house",
        "from=2026-11-01&to=2026-11-27",
        "to=2026-11-27T10:00:00Z",
        "from=2026-11-27T19:00&to=2026-11-27T20:30",
        "meter=meter&from=2025-12-01&to=2026-11-30",
    ];

    private static readonly string[] Values =
    [
        "", " ", "2026-11-27", "2026-11-27T19:00:00+09:00", "2026-11-27T19:00:00%2B09:00", "2026-11-27T19:00:00Z", "2026-11-27T19:00",
        "0001-01-01", "0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "0001-01-01T05:00:00%2B14:00", "9999-12-31", "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59%2B14:00", "0", "-1", "99999999999", "100000000000", "1764000000", "1e9",
        "2026-02-30", "2026-13-01", "2026-11-27T25:00", "27/11/2026", "now", "%", "%zz", "%00", "%E3%81%82", "+", "&", "=", "==",
        "2026-11-27T19:00:00.1234567+09:00", "  2026-11-27  ", new string('9', 300), new string('x', 5000),
    ];

    private static readonly Gen<string> Value = Gen.Frequency((6, Gen.Int[0, Values.Length - 1].Select(i => Values[i])), (2, Gen.String[0, 30]));

    private static readonly Gen<string> Key = Gen.Frequency((8, Gen.OneOfConst("from", "to", "meter", "FROM", "x", "", "from[]", "to%00")), (1, Gen.String[0, 8]));

    private static readonly Gen<string> Generated = Gen.Select(Key, Gen.Bool, Value).Array[0, 6]
        .Select(parts => string.Join('&', parts.Select(p => p.Item2 ? $"{p.Item1}={p.Item3}" : p.Item1)));

    private static readonly Gen<string> Query = Gen.Frequency(
        (5, Mutator.Of([.. Seeds.Select(Encoding.ASCII.GetBytes)]).Select(b => Encoding.Latin1.GetString(b))),
        (4, Generated),
        (1, Gen.String[0, 200]));

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Raw query strings through ASP.NET Core's parser into every endpoint's reading of them.</summary>
    public static FuzzTarget Parameters { get; } = new FuzzTarget<(string Query, int Endpoint)>(
        "api-query",
        "dashboard API query strings (mutated, generated from its keys and hostile times, days and encodings, random) through ASP.NET Core's query parsing and ApiQuery as each endpoint reads them: values in range or a 400 message, never an exception",
        Gen.Select(Query, Gen.Int[0, 3]),
        t =>
        {
            var context = new DefaultHttpContext();
            context.Request.QueryString = new QueryString("?" + t.Query.Replace("#", "%23", StringComparison.Ordinal));
            var query = new ApiQuery(context.Request);
            string? problem;
            if (t.Endpoint < 2)
            {
                // /samples (6 h by default) and /half-hours (2 days), as DashboardApi reads them.
                var to = query.Time("to", Now);
                var from = query.Time("from", t.Endpoint == 0 ? to.AddHours(-6) : to.AddDays(-2));
                query.Range(from, to, DashboardApi.MaxRange);
                problem = query.Problem;
                Expect.That(problem is not null || (from <= to && to - from <= DashboardApi.MaxRange), $"'{t.Query}' gave {from:o} .. {to:o} without a problem");
            }
            else
            {
                // /daily (30 days by default) and /monthly (12 months).
                var monthly = t.Endpoint == 3;
                var today = DateOnly.FromDateTime(Now.ToOffset(BRoute.EchonetLite.Meter.MeterTimeZone.Offset).DateTime);
                var last = query.Day("to", today);
                var first = query.Day("from", monthly ? new DateOnly(last.Year, last.Month, 1).AddMonths(-11) : last.AddDays(-30));
                problem = query.Problem;
                _ = first;
            }

            Expect.That(problem is null || (problem.Length is > 0 and < 300), $"'{t.Query}': a {problem?.Length}-character problem");
        });
}
