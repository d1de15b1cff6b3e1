using System.Globalization;
using System.Net;

namespace BRoute.Daemon.Configuration;

/// <summary>The "web" section: dashboard, API and /metrics on 127.0.0.1:8765 unless configured.</summary>
internal static class WebSection
{
    /// <summary>The shortest token accepted for a server reachable from other machines.</summary>
    public const int MinTokenLength = 16;

    public static WebSettings Read(SettingsReader reader, ConfigInputs inputs)
    {
        var enabled = reader.Boolean("web:enabled", true);
        var listen = reader.Text("web:listen") ?? $"127.0.0.1:{WebSettings.DefaultPort}";
        var (host, port) = Parse(listen);
        if (host is null)
        {
            reader.Problem("web:listen", $"'{listen}' is not an address to listen on; give HOST:PORT, e.g. 127.0.0.1:{WebSettings.DefaultPort} (or [::1]:{WebSettings.DefaultPort})");
            return new WebSettings(enabled, "127.0.0.1", WebSettings.DefaultPort, null);
        }

        var token = reader.Secret("web:token", "web:token_file", inputs, "web-token");
        var settings = new WebSettings(enabled, host, port, token);
        if (token is not null && token.Length < MinTokenLength)
        {
            reader.Problem("web:token", $"the token is {token.Length} characters; use at least {MinTokenLength} (e.g. the output of: openssl rand -hex 16)");
        }

        if (enabled && !settings.IsLoopback && token is null)
        {
            reader.Problem("web:listen", $"{listen} can be reached from other machines, so the dashboard needs a token: set web.token_file (a file holding at least {MinTokenLength} random characters) or listen on 127.0.0.1");
        }

        return settings;
    }

    private static (string? Host, int Port) Parse(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return (null, 0);
        }

        var host = listen[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (host, port) : (null, 0);
        }

        return host == "localhost" || IPAddress.TryParse(host, out _) ? (host, port) : (null, 0);
    }
}
