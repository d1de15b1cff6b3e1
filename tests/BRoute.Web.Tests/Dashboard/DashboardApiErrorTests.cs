using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BRoute.Web.Tests.Dashboard;

/// <summary>Bad parameters get a 400 saying what is wrong, an unknown meter a 404, and a set token guards the API and the page.</summary>
public sealed class DashboardApiErrorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Token = "0123456789abcdef-token";

    [Theory]
    [InlineData("/api/samples?from=yesterday", "'from' must be an ISO 8601 time")]
    [InlineData("/api/samples?to=2026-13-01T00:00:00", "'to' must be an ISO 8601 time")]
    [InlineData("/api/samples?from=1764000000&to=1763000000", "'to' is before 'from'")]
    [InlineData("/api/samples?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "the range is longer than 400 days")]
    [InlineData("/api/half-hours?from=2026-11-27T00:00:00&to=2026-11-26T00:00:00", "'to' is before 'from'")]
    [InlineData("/api/half-hours?from=1&from=2", "'from' is given more than once")]
    [InlineData("/api/daily?from=27.11.2026", "'from' must be a day as yyyy-MM-dd")]
    [InlineData("/api/daily?from=2026-11-27&to=2026-11-01", "'to' is before 'from'")]
    [InlineData("/api/daily?from=2020-01-01&to=2026-11-27", "ask for at most 400 days")]
    [InlineData("/api/monthly?to=2026-11", "'to' must be a day as yyyy-MM-dd")]
    [InlineData("/api/samples?to=0001-01-01T00:00:00", "'to' must be a time from 1970 to 9000")] // was a 500: JST before year 1 (found by api-query fuzzing)
    [InlineData("/api/half-hours?to=0001-01-01T03:00:00Z", "'to' must be a time from 1970 to 9000")] // was a 500: the 2-day default range before year 1
    [InlineData("/api/monthly?to=0001-01-15", "'to' must be a day as yyyy-MM-dd (e.g. 2026-11-27) from 1970 to 9000")] // was a 500: 11 months before year 1
    public async Task A_bad_parameter_gets_a_400_that_says_what_is_wrong(string path, string problem)
    {
        using var http = fixture.Server.Client();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/now")]
    [InlineData("/api/samples")]
    [InlineData("/api/half-hours")]
    [InlineData("/api/daily")]
    [InlineData("/api/monthly")]
    public async Task An_unknown_meter_gets_a_404_naming_the_known_ones(string path)
    {
        using var http = fixture.Server.Client();

        using var response = await http.GetAsync(new Uri(path + "?meter=00FFFFFFFFFFFFFF", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal($"no meter '00FFFFFFFFFFFFFF'; known: {ApiServer.MeterId}", error);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/meters")]
    [InlineData("/api/now")]
    [InlineData("/api/half-hours")]
    [InlineData("/api/stream")]
    public async Task With_a_token_the_page_and_the_api_need_it(string path)
    {
        await using var server = await ApiServer.StartAsync(Token, samples: false);
        using var http = server.Client();

        using var none = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain(Token, await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var with = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task The_page_and_its_files_come_from_the_binary_with_a_policy_that_allows_nothing_from_elsewhere()
    {
        using var http = fixture.Server.Client();

        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var name in BRoute.Web.Dashboard.DashboardAssets.Names)
        {
            using var file = await http.GetAsync(new Uri("/" + name, UriKind.Relative));
            Assert.True(file.StatusCode == HttpStatusCode.OK, name);
            Assert.DoesNotContain("http://", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("vendor/uplot/uPlot.iife.min.js", BRoute.Web.Dashboard.DashboardAssets.Names);
    }
}
