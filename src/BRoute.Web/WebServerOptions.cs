using System.Net;

namespace BRoute.Web;

/// <summary>Where the web server listens and what it asks of clients.</summary>
public sealed record WebServerOptions
{
    /// <summary>Address to bind: 127.0.0.1 by default; "localhost", an IPv4 or an IPv6 address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 = a free port (see <see cref="WebServer.Address"/>).</summary>
    public int Port { get; init; } = 8765;

    /// <summary>
    /// When set, every request but <c>/healthz</c> must carry it: <c>Authorization: Bearer TOKEN</c>, or basic auth
    /// with any user name and the token as password (what a browser asks for). Required for a non-loopback address.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>True for 127.0.0.0/8, ::1 and "localhost".</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The options masked.</summary>
    public override string ToString() => $"{Host}:{Port}{(Token is null ? string.Empty : " (token set)")}";
}
