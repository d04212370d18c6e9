using System.Globalization;
using System.Text.RegularExpressions;
using Backup.Domain;
using Backup.EngineEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Backup.EndToEnd.Tests.WebConsole;

/// <summary>
/// The web console in a real headless Chromium, against the service (with a write user and a read-only key) over the
/// emulator: what an operator sees and does, click by click.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleTests
{
    private const string Writer = "operator";
    private const string WriterPassword = "operator-password-1234";
    private const string ReadKey = "read-only-key-0123456789";

    private EngineTarget _engine = null!;
    private BackupApi _service = null!;
    private ConsoleBrowser _browser = null!;

    private EngineEmulator.EngineEmulator Emulator => _engine.Emulator!;

    private Uri ServiceUrl => _service.Http.BaseAddress!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _browser = await ConsoleBrowser.LaunchAsync();
        SetDefaultExpectTimeout(15_000);
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        if (_engine.Emulator is null)
        {
            Assert.Ignore("The console's tests seed backups and outages through the emulator.");
        }

        await _engine.SeedAsync(Component.Operate);
        _service = ServiceHost.Start(_engine, Component.Operate, settings =>
        {
            settings["Management:Auth:Users:0:Username"] = Writer;
            settings["Management:Auth:Users:0:Password"] = WriterPassword;
            settings["Management:Auth:Users:0:Rights"] = "Write";
            settings["Management:Auth:ApiKeys:0:Name"] = "dashboard";
            settings["Management:Auth:ApiKeys:0:Key"] = ReadKey;
            settings["Management:Auth:ApiKeys:0:Rights"] = "Read";
            settings["Backup:Schedule:Cron"] = "0 3 * * *";
            settings["Backup:Retention:MaxCount"] = "3";
        });
    }

    [TearDown]
    public async Task CloseAsync() => await _browser.CloseAllAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _engine.DisposeAsync();
        await _browser.DisposeAsync();
    }

    [Test]
    public async Task The_page_asks_for_credentials_and_refuses_wrong_ones_before_showing_any_backup()
    {
        var page = await _browser.OpenAsync(ServiceUrl);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.Locator("table.backups")).ToHaveCountAsync(0);
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(Writer);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("These credentials were not accepted.");
        await Expect(page.Locator("table.backups")).ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
    }

    [TestCase("actuator/console/api/session")]
    [TestCase("actuator/console/api/backups")]
    [TestCase("actuator/console/api/overview")]
    public async Task The_consoles_data_needs_credentials_as_the_API_does(string path)
    {
        using var anonymous = await _service.Http.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", ReadKey);
        using var reader = await _service.Http.SendAsync(request);

        Assert.That(anonymous.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
        Assert.That(reader.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task One_backups_page_answers_502_within_Backup_RequestTimeout_when_the_engine_hangs_on_its_indices()
    {
        SeededBackups.AddCompleted(Emulator, 980001, DateTimeOffset.UtcNow.AddHours(-1));
        await using var service = ServiceHost.Start(_engine, Component.Operate, settings => settings["Backup:RequestTimeout"] = "00:00:01");
        // The state is read with filter_path; the indices and the restore plan without it, by the restore's client.
        Emulator.Faults.Only = r => r.Method == "GET" && r.Path.Contains("_snapshot/", StringComparison.Ordinal) && !r.Query.Contains("filter_path", StringComparison.Ordinal);
        Emulator.Faults.Hang = TimeSpan.FromMinutes(1);
        try
        {
            using var response = await service.Http.GetAsync("actuator/console/api/backups/980001");

            await BackupApi.AssertProblemAsync(response, System.Net.HttpStatusCode.BadGateway, "did not answer within 1 s (Backup:RequestTimeout)");
        }
        finally
        {
            Emulator.Faults.Reset();
        }
    }

    [Test]
    public async Task The_list_shows_state_start_duration_parts_and_failure_of_each_backup_and_filters_by_state_and_id()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        SeededBackups.AddCompleted(Emulator, 910001, start);
        SeededBackups.Add(Emulator, 910002, start.AddMinutes(10), SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Failed);
        SeededBackups.Add(Emulator, 910003, start.AddMinutes(20), SnapshotOutcome.Success, SnapshotOutcome.Success);
        var page = await SignInAsync(write: true, "#/backups?pattern=91000*");

        var completed = Row(page, 910001);
        var failed = Row(page, 910002);
        var incomplete = Row(page, 910003);
        await Expect(completed.Locator(".state")).ToHaveTextAsync("COMPLETED");
        await Expect(completed).ToContainTextAsync("6 of 6");
        await Expect(completed).ToContainTextAsync("6.0 s");
        await Expect(failed.Locator(".state")).ToHaveTextAsync("FAILED");
        await Expect(failed).ToContainTextAsync("2 of 6");
        await Expect(failed).ToContainTextAsync(SeededBackups.Name(910002, 3));
        await Expect(incomplete.Locator(".state")).ToHaveTextAsync("INCOMPLETE");
        await Expect(incomplete).ToContainTextAsync("part(s) 3, 4, 5, 6 of 6 were never taken");
        await Expect(page.Locator("#list-caption")).ToContainTextAsync("of 3");
        var colours = await page.Locator("tbody .state").EvaluateAllAsync<string[]>("badges => badges.map(b => getComputedStyle(b).backgroundColor)");
        Assert.That(colours.Distinct().Count(), Is.EqualTo(3), "each state has a colour of its own");
        await ConsoleBrowser.ScreenshotAsync(page, "list");

        await page.GetByLabel("State").SelectOptionAsync("FAILED");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(failed).ToBeVisibleAsync();

        await page.GetByLabel("State").SelectOptionAsync("");
        await page.GetByLabel("Id pattern").FillAsync("910003");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(incomplete).ToBeVisibleAsync();
    }

    [Test]
    public async Task Back_up_now_proposes_now_in_unix_seconds_and_follows_the_backup_to_COMPLETED()
    {
        var page = await SignInAsync(write: true);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await page.GetByRole(AriaRole.Button, new() { Name = "Back up now" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Back up now" });
        await Expect(dialog).ToContainTextAsync("into repository camunda_backup");
        var proposed = long.Parse(await dialog.GetByLabel("Backup id").InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.That(proposed, Is.InRange(before, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await ConsoleBrowser.ScreenshotAsync(page, "back-up-now");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Start backup {proposed}" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"#/backups/{proposed}$"));
        await Expect(page.Locator("#backup-state")).ToHaveTextAsync("COMPLETED", new() { Timeout = 60_000 });
        await Expect(page.Locator("#timeline > li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#timeline > li").First).ToContainTextAsync("import-position");
        await Expect(page.Locator("#restore-plan > li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#restore-command")).ToContainTextAsync($"backup restore {proposed} --engine-url {_engine.Url}");
        Assert.That(SeededBackups.Of(Emulator, proposed), Has.Count.EqualTo(6));
        await ConsoleBrowser.ScreenshotAsync(page, "backup");
    }

    [Test]
    public async Task The_list_refreshes_itself_while_a_backup_is_IN_PROGRESS()
    {
        Emulator.SetOutcome(SeededBackups.Name(920001, 6), SnapshotOutcome.InProgress);
        SeededBackups.Add(Emulator, 920001, DateTimeOffset.UtcNow.AddSeconds(-30),
            SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.InProgress);
        var page = await SignInAsync(write: true, "#/backups?pattern=920001");
        await Expect(Row(page, 920001).Locator(".state")).ToHaveTextAsync("IN_PROGRESS");
        await Expect(page.Locator("#auto-refresh")).ToBeVisibleAsync();

        Emulator.CompleteSnapshot("camunda_backup", SeededBackups.Name(920001, 6));

        await Expect(Row(page, 920001).Locator(".state")).ToHaveTextAsync("COMPLETED");
        await Expect(page.Locator("#auto-refresh")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Delete_names_what_it_deletes_and_asks_first_then_deletes_that_backup_only()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        SeededBackups.AddCompleted(Emulator, 930001, start);
        SeededBackups.AddCompleted(Emulator, 930002, start.AddMinutes(1));
        var page = await SignInAsync(write: true, "#/backups/930001");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete backup…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete backup 930001?" });
        await Expect(dialog).ToContainTextAsync("This deletes the 6 snapshots of backup 930001 (COMPLETED) from repository camunda_backup");
        await Expect(dialog).ToContainTextAsync("A deleted backup cannot be restored.");
        await Expect(dialog.Locator("li")).ToHaveCountAsync(6);
        await ConsoleBrowser.ScreenshotAsync(page, "delete");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.That(SeededBackups.Of(Emulator, 930001), Has.Count.EqualTo(6), "cancel deletes nothing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete backup…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete backup 930001" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Backup 930001 was deleted." }).First).ToBeVisibleAsync();
        Assert.That(SeededBackups.Of(Emulator, 930001), Is.Empty);
        Assert.That(SeededBackups.Of(Emulator, 930002), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Read_only_credentials_see_the_actions_disabled_with_the_reason()
    {
        SeededBackups.AddCompleted(Emulator, 940001, DateTimeOffset.UtcNow.AddHours(-1));
        var page = await SignInAsync(write: false, "#/backups?pattern=940001");

        await Expect(Row(page, 940001)).ToBeVisibleAsync();
        var backUpNow = page.GetByRole(AriaRole.Button, new() { Name = "Back up now" });
        await Expect(backUpNow).ToBeDisabledAsync();
        await Expect(backUpNow).ToHaveAccessibleDescriptionAsync(new Regex("may only read backups: creating and deleting need a key or user with Write rights"));
        await Expect(page.Locator("#who")).ToContainTextAsync("read only");
        await ConsoleBrowser.ScreenshotAsync(page, "read-only");

        await Row(page, 940001).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete backup…" })).ToBeDisabledAsync();
        Assert.That(SeededBackups.Of(Emulator, 940001), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task An_engine_outage_is_shown_as_the_engine_being_down()
    {
        var page = await SignInAsync(write: true);
        await Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");

        await Emulator.RefuseConnectionsAsync();
        try
        {
            await page.ReloadAsync();

            // The engine counts as down once the service's calls to it fail, retries included.
            var outage = new LocatorAssertionsToBeVisibleOptions { Timeout = 40_000 };
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Engine DOWN" })).ToBeVisibleAsync(outage);
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The backups could not be listed" })).ToBeVisibleAsync(outage);
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The backups could not be listed" })).ToContainTextAsync("could not be reached");
            await ConsoleBrowser.ScreenshotAsync(page, "engine-down");

            await page.GetByRole(AriaRole.Link, new() { Name = "Schedule & health" }).ClickAsync();
            await Expect(page.Locator("#engine-health .state")).ToHaveTextAsync("DOWN");
        }
        finally
        {
            await Emulator.AcceptConnectionsAsync();
        }
    }

    [Test]
    public async Task Schedule_and_health_show_the_next_run_what_retention_would_delete_and_why_and_the_engine_up()
    {
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        for (var id = 950001; id <= 950004; id++)
        {
            SeededBackups.AddCompleted(Emulator, id, old.AddHours(id - 950001));
        }

        var page = await SignInAsync(write: false, "#/operations");

        await Expect(page.Locator("#schedule")).ToContainTextAsync("0 3 * * * in UTC");
        await Expect(page.Locator("#next-run time")).ToHaveAttributeAsync("datetime", new Regex("T03:00:00"));
        await Expect(page.Locator("#engine-health .state")).ToHaveTextAsync("UP");
        await Expect(page.Locator("#repository-health")).ToContainTextAsync("camunda_backup");
        var oldest = page.Locator("#retention-deletions tr").Filter(new() { HasText = "950001" });
        await Expect(oldest).ToContainTextAsync("MaxCount");
        await Expect(page.Locator("#retention-message")).ToContainTextAsync("The next run deletes");
        await ConsoleBrowser.ScreenshotAsync(page, "schedule-and-health");
    }

    [Test]
    public async Task Pages_read_on_a_phone_width_without_sideways_scrolling()
    {
        SeededBackups.Add(Emulator, 960001, DateTimeOffset.UtcNow.AddHours(-2), SnapshotOutcome.Success, SnapshotOutcome.Partial);
        var page = await _browser.OpenAsync(ServiceUrl, ConsoleBrowser.Phone);
        await SignInFormAsync(page, write: true);

        foreach (var (hash, name) in new[] { ("#/backups", "list-phone"), ("#/backups/960001", "backup-phone"), ("#/operations", "schedule-and-health-phone") })
        {
            await page.EvaluateAsync($"location.hash = '{hash}'");
            await Expect(page.Locator("#view h1")).ToBeVisibleAsync();
            await Expect(page.Locator("main [aria-busy=true]")).ToHaveCountAsync(0);
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Loading");
            await ConsoleBrowser.ScreenshotAsync(page, name);
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.That(overflow, Is.LessThanOrEqualTo(0), $"{hash} is wider than the phone");
        }
    }

    [Test]
    public async Task The_keyboard_reaches_every_action_and_the_dialog_gives_focus_back()
    {
        var page = await SignInAsync(write: true);
        await Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        var backUpNow = page.GetByRole(AriaRole.Button, new() { Name = "Back up now" });

        for (var tab = 0; tab < 15 && !await backUpNow.EvaluateAsync<bool>("b => b === document.activeElement"); tab++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(backUpNow).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Back up now" });
        await Expect(dialog.GetByLabel("Backup id")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(backUpNow).ToBeFocusedAsync();
    }

    [Test]
    public async Task Text_and_states_contrast_at_least_4_5_to_1_with_their_background()
    {
        SeededBackups.Add(Emulator, 970001, DateTimeOffset.UtcNow.AddHours(-2), SnapshotOutcome.Success, SnapshotOutcome.Incompatible);
        var page = await SignInAsync(write: true, "#/backups?pattern=970001");
        await Expect(Row(page, 970001).Locator(".state")).ToHaveTextAsync("INCOMPATIBLE");

        var lowest = await page.EvaluateAsync<double>(ContrastScript);

        Assert.That(lowest, Is.GreaterThanOrEqualTo(4.5));
    }

    /// <summary>The lowest WCAG contrast ratio of any visible text on the page against the background behind it.</summary>
    private const string ContrastScript = """
        () => {
          const rgb = (c) => c.match(/[\d.]+/g).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
          const background = (e) => {
            for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; }
            return [255, 255, 255];
          };
          let lowest = 21;
          for (const e of document.querySelectorAll('body *')) {
            if (!e.offsetParent || ![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
            const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(background(e))];
            lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
          }
          return lowest;
        }
        """;

    private static ILocator Row(IPage page, long id) => page.Locator($"tr[data-backup-id='{id}']");

    private async Task<IPage> SignInAsync(bool write, string hash = "")
    {
        var page = await _browser.OpenAsync(ServiceUrl);
        if (hash.Length > 0)
        {
            await page.GotoAsync("/actuator/console" + hash);
        }

        await SignInFormAsync(page, write);
        return page;
    }

    private static async Task SignInFormAsync(IPage page, bool write)
    {
        if (write)
        {
            await page.GetByLabel("Username", new() { Exact = true }).FillAsync(Writer);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(WriterPassword);
        }
        else
        {
            await page.GetByLabel("an API key").CheckAsync();
            await page.GetByLabel("API key", new() { Exact = true }).FillAsync(ReadKey);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToBeVisibleAsync();
    }
}
