using Microsoft.Playwright;

namespace Backup.EndToEnd.Tests.WebConsole;

/// <summary>
/// The system's headless Chromium, driven by Playwright (whose own browser downloads are not used: the tests run
/// offline). One browser per fixture; each test gets a fresh context, so no credentials or storage carry over.
/// Without a Chromium the tests are ignored, saying how to get one, unless <c>BACKUP_REQUIRE_BROWSER=1</c> (as CI
/// sets it), when they fail.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly IPlaywright _playwright;

    private readonly List<IBrowserContext> _contexts = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>A laptop's window; <see cref="Phone"/> is a phone's.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 860 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("BACKUP_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            var message = "No Chromium found (looked for BACKUP_CHROMIUM, " + string.Join(", ", Candidates)
                + "): install it (apt-get install chromium) to run the web console's browser tests.";
            if (Environment.GetEnvironmentVariable("BACKUP_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // Root (CI containers) cannot use Chromium's sandbox; the pages are the service's own.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>A page of its own context, closed by <see cref="CloseAllAsync"/>: pages left open keep refreshing.</summary>
    public async Task<IPage> OpenAsync(Uri service, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.ToString(),
            ViewportSize = viewport ?? Laptop,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => TestContext.Progress.WriteLine($"console page error: {error}");
        await page.GotoAsync("/actuator/console");
        return page;
    }

    /// <summary>
    /// Keeps a picture of the page: in the test's output, and in <c>BACKUP_CONSOLE_SCREENSHOTS</c> when set (the
    /// README's pictures in <c>docs/console</c> are made so).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("BACKUP_CONSOLE_SCREENSHOTS") is { Length: > 0 } wanted
            ? wanted
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "console-screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file);
    }

    public async Task CloseAllAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
