using Microsoft.Playwright;

namespace BRoute.Web.BrowserTests;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its bundled driver; no browser download, ever): a fresh profile
/// folder per page, every request URL, console message and page error recorded.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        Context = context;
        Page = page;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public List<string> Requests { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>Starts Chromium with <paramref name="locale"/> as the browser's language (and --lang).</summary>
    public static async Task<Chromium> StartAsync(string locale, ColorScheme scheme = ColorScheme.Light)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's chromium (test.sh does, as root)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("broute-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = [.. Flags, $"--lang={locale}"],
            Locale = locale,
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
            ColorScheme = scheme,
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        var chromium = new Chromium(playwright, context, page, profile);
        context.Request += (_, request) =>
        {
            lock (chromium.Requests)
            {
                chromium.Requests.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (chromium.Problems)
                {
                    chromium.Problems.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (chromium.Problems)
            {
                chromium.Problems.Add($"page error: {error}");
            }
        };
        return chromium;
    }

    /// <summary>Opens the dashboard and waits until every chart has loaded (<c>window.broute.ready</c>).</summary>
    public async Task OpenAsync(Uri address)
    {
        var response = await Page.GotoAsync(address.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Page.WaitForFunctionAsync("() => window.broute && window.broute.ready === true", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temp folder is cleaned by the system.
        }
    }
}
