using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace BRoute.Web;

/// <summary>
/// The one check when a token is configured: <c>Authorization: Bearer TOKEN</c> or basic auth with the token as
/// password; compared in constant time. Anything else gets 401 with a basic-auth challenge, so a browser asks.
/// </summary>
internal sealed class TokenAuthentication(string token)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public bool IsAllowed(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Matches(header["Bearer ".Length..].Trim());
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 && Matches(decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }

    public static Task ChallengeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"broute\", charset=\"UTF-8\"";
        return context.Response.WriteAsync("401: this broute dashboard needs its token (web.token): send 'Authorization: Bearer TOKEN', or log in with any user name and the token as password\n");
    }

    private bool Matches(string candidate) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
