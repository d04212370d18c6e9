using System.Diagnostics;
using Backup.Application.Observing;
using Backup.Domain;
using Backup.EngineEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Backup.EndToEnd.Tests.WebConsole;

/// <summary>
/// The console over 10,000 backups (60,000 snapshots), seeded before the service starts, the newest of them long ago
/// while a daily schedule is configured. The list is paged by the service: the browser never holds more than a page.
/// Times are written to the test's output (they are measurements, not assertions).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleAtScaleTests
{
    private const int Backups = 10_000;
    private const long FirstId = 1_600_000_000;

    private EngineTarget _engine = null!;
    private BackupApi _service = null!;
    private ConsoleBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _browser = await ConsoleBrowser.LaunchAsync();
        SetDefaultExpectTimeout(30_000);
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        var emulator = _engine.Emulator ?? throw new IgnoreException("Seeding 10,000 backups needs the emulator.");
        var first = DateTimeOffset.FromUnixTimeSeconds(FirstId);
        for (var i = 0; i < Backups; i++)
        {
            // Hourly backups, every hundredth of them FAILED at its last part.
            var id = FirstId + (i * 3600L);
            var last = i % 100 == 99 ? SnapshotOutcome.Failed : SnapshotOutcome.Success;
            SeededBackups.Add(emulator, id, first.AddHours(i),
                SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, SnapshotOutcome.Success, last);
        }

        _service = ServiceHost.Start(_engine, Component.Operate, settings => settings["Backup:Schedule:Cron"] = "0 3 * * *");

        // The newest COMPLETED backup is read from the engine in the background after start-up; the page shows what it found.
        var metrics = _service.Services.GetRequiredService<BackupMetrics>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (metrics.LastCompletedAt is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
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
    public async Task Ten_thousand_backups_are_listed_a_page_at_a_time_newest_first_and_filter_by_state_and_id()
    {
        var clock = Stopwatch.StartNew();
        var page = await _browser.OpenAsync(_service.Http.BaseAddress!);
        await Expect(page.Locator("#list-caption")).ToContainTextAsync("Backups 1–50 of 10,000 (9,900 COMPLETED · 100 FAILED)");
        var firstPage = clock.Elapsed;
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-backup-id", (FirstId + ((Backups - 1) * 3600L)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ConsoleBrowser.ScreenshotAsync(page, "list-10000");

        clock.Restart();
        await page.GetByRole(AriaRole.Button, new() { Name = "Older →" }).ClickAsync();
        await Expect(page.Locator("#list-caption")).ToContainTextAsync("Backups 51–100 of 10,000");
        var nextPage = clock.Elapsed;
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(50);

        clock.Restart();
        await page.GetByLabel("State").SelectOptionAsync("FAILED");
        await Expect(page.Locator("#list-caption")).ToContainTextAsync("Backups 1–50 of 100");
        var filtered = clock.Elapsed;
        await Expect(page.Locator("tbody .state")).ToHaveTextAsync(Enumerable.Repeat("FAILED", 50).ToArray());

        await page.GetByLabel("State").SelectOptionAsync("");
        await page.GetByLabel("Id pattern").FillAsync("16000*");
        await Expect(page.Locator("#list-caption")).ToContainTextAsync("Backups 1–28 of 28 (28 COMPLETED)");

        // The full listing as a script reads it, for comparison: a console page reads names for all, the page in full.
        clock.Restart();
        using (var listed = await _service.ListAsync())
        {
            await listed.Content.ReadAsStringAsync();
        }

        TestContext.Out.WriteLine($"10,000 backups: first page shown {firstPage.TotalMilliseconds:F0} ms after opening the console, "
            + $"next page {nextPage.TotalMilliseconds:F0} ms, state filter {filtered.TotalMilliseconds:F0} ms; "
            + $"GET /actuator/backups (all of them, as a script reads them) {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Test]
    public async Task A_newest_COMPLETED_backup_older_than_the_schedule_says_is_a_warning()
    {
        var page = await _browser.OpenAsync(_service.Http.BaseAddress!);

        var warning = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Check your backups" });
        await Expect(warning).ToContainTextAsync("but the schedule starts one every 24 h 0 min: a scheduled backup did not complete");
        await Expect(page.Locator("#last-completed")).ToContainTextAsync("Last COMPLETED backup ended");
    }
}
