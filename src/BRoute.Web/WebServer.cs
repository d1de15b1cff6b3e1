using System.Net;
using BRoute.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BRoute.Web;

/// <summary>What <c>/healthz</c> reports: true while the daemon's loops run (the meters may still be unreachable).</summary>
public delegate bool HealthCheck();

/// <summary>
/// The daemon's web server: Kestrel, minimal APIs. Refuses to start on a non-loopback address without a token.
/// Endpoint groups plug in through <see cref="WebServerParts.Map"/> (dashboard, API); this class owns binding,
/// authentication, <c>/metrics</c> and <c>/healthz</c>.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address actually bound (with the real port when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts the server.</summary>
    /// <exception cref="WebServerException">A non-loopback address without a token, or the address cannot be bound.</exception>
    public static async Task<WebServer> StartAsync(WebServerOptions options, WebServerParts parts, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parts);
        if (!options.IsLoopback && options.Token is null)
        {
            throw new WebServerException($"refusing to serve the dashboard on {options.Host}: that address can be reached from other machines; set web.token_file (or listen on 127.0.0.1)");
        }

        if (!IPAddress.TryParse(options.Host, out var ip) && options.Host != "localhost")
        {
            throw new WebServerException($"'{options.Host}' is not an address to listen on; give an IP address or localhost");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (ip is null)
            {
                kestrel.Listen(IPAddress.Loopback, options.Port);
            }
            else
            {
                kestrel.Listen(ip, options.Port);
            }

            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        if (options.Token is { } token)
        {
            var auth = new TokenAuthentication(token);
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == "/healthz" || auth.IsAllowed(context.Request))
                {
                    await next(context).ConfigureAwait(false);
                    return;
                }

                await TokenAuthentication.ChallengeAsync(context).ConfigureAwait(false);
            });
        }

        app.MapGet("/healthz", () => parts.Health() ? Results.Text("ok\n") : Results.Text("stalled\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        if (parts.Metrics is { } metrics)
        {
            app.MapGet("/metrics", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            });
        }

        parts.Map?.Invoke(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new WebServerException($"cannot listen on {options.Host}:{options.Port} ({ex.Message}); choose another web.listen port or stop what uses it", ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebServer(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Stops accepting requests and finishes those under way.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>What the server serves besides binding and authentication.</summary>
public sealed record WebServerParts
{
    /// <summary>The /healthz check.</summary>
    public required HealthCheck Health { get; init; }

    /// <summary>The /metrics page; null = no /metrics.</summary>
    public MonitorMetrics? Metrics { get; init; }

    /// <summary>More endpoints (the dashboard and its API).</summary>
    public Action<WebApplication>? Map { get; init; }
}

/// <summary>The web server cannot start as configured.</summary>
public sealed class WebServerException : BRouteException
{
    public WebServerException()
    {
    }

    public WebServerException(string message)
        : base(message)
    {
    }

    public WebServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
