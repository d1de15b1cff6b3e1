using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using BRoute.Metrics;
using BRoute.Monitoring;

namespace BRoute.Web.Tests;

/// <summary>A real Kestrel on 127.0.0.1 and a free port, stopped by each test.</summary>
public sealed class WebServerTests
{
    private const string Token = "0123456789abcdef-token";

    [Fact]
    public async Task Healthz_says_ok_while_healthy_and_503_when_not()
    {
        var healthy = true;
        await using var server = await WebServer.StartAsync(new WebServerOptions { Port = 0 }, new WebServerParts { Health = () => healthy });
        using var client = new HttpClient { BaseAddress = server.Address };

        Assert.Equal("ok\n", await client.GetStringAsync("/healthz"));
        healthy = false;
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("127.0.0.1", server.Address.Host);
    }

    [Fact]
    public async Task Metrics_serves_the_exposition_format()
    {
        var metrics = new MonitorMetrics();
        metrics.Observe(new MeasurementsEvent(DateTimeOffset.UnixEpoch, [new Measurement("001C640000A1B2C3", Quantity.Power, 628, EchonetLite.Meter.ValueStatus.Ok, null, DateTimeOffset.UnixEpoch, ValueSource.Get)]));
        await using var server = await WebServer.StartAsync(new WebServerOptions { Port = 0 }, new WebServerParts { Health = () => true, Metrics = metrics });
        using var client = new HttpClient { BaseAddress = server.Address };

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("broute_power_watts{meter=\"001C640000A1B2C3\"} 628", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.1")]
    public async Task A_non_loopback_address_without_a_token_refuses_to_start(string host)
    {
        var error = await Assert.ThrowsAsync<WebServerException>(() => WebServer.StartAsync(new WebServerOptions { Host = host, Port = 0 }, new WebServerParts { Health = () => true }));

        Assert.Contains("can be reached from other machines", error.Message, StringComparison.Ordinal);
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_token_requests_without_it_get_401_and_a_browser_challenge()
    {
        await using var server = await WebServer.StartAsync(new WebServerOptions { Port = 0, Token = Token }, new WebServerParts { Health = () => true, Metrics = new MonitorMetrics() });
        using var client = new HttpClient { BaseAddress = server.Address };

        var none = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain(Token, await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "/metrics", new AuthenticationHeaderValue("Bearer", Token + "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "/metrics", new AuthenticationHeaderValue("Basic", "not base64!"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/metrics", new AuthenticationHeaderValue("Bearer", Token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/metrics", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + Token))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode); // liveness stays open
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<WebServerException>(() => WebServer.StartAsync(new WebServerOptions { Port = port }, new WebServerParts { Health = () => true }));

        Assert.Contains($"cannot listen on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("choose another web.listen port", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }
}
