using Backup.Application.Backups.ListBackups;
using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

public sealed class ListBackupPageTests
{
    [Test]
    public async Task A_page_reads_every_backups_names_and_only_the_shown_backups_in_full()
    {
        using var harness = new Harness();
        await SeedAsync(harness, backups: 120);

        var listed = await Pager(harness).Handle(new ListBackupPageQuery(null, null, Offset: 50, Limit: 20), CancellationToken.None);

        var page = listed.Value;
        Assert.That(page.Backups.Select(b => b.Id.Value), Is.EqualTo(Enumerable.Range(51, 20).Select(i => 121L - i)));
        Assert.That(page.Backups.All(b => b.Parts.All(p => p.StartTime is not null)), Is.True, "the page's backups are read in full");
        Assert.That(page.Matched, Is.EqualTo(120));
        Assert.That(page.States, Is.EquivalentTo(new Dictionary<BackupState, int> { [BackupState.Completed] = 108, [BackupState.Failed] = 12 }));
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>()), Times.Never);
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()), Times.Once);
        var shown = string.Join(',', Enumerable.Range(51, 20).Select(i => $"camunda_operate_{121 - i}_*"));
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting(shown), true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task The_state_filter_narrows_the_page_but_not_the_counts()
    {
        using var harness = new Harness();
        await SeedAsync(harness, backups: 30);

        var listed = await Pager(harness).Handle(new ListBackupPageQuery("*", BackupState.Failed, 0, 50), CancellationToken.None);

        Assert.That(listed.Value.Backups.Select(b => b.Id.Value), Is.EqualTo(new[] { 30L, 20L, 10L }));
        Assert.That(listed.Value.Backups[0].FailureReason, Does.Contain(Port.Name(30, 6).ToString()));
        Assert.That(listed.Value.Matched, Is.EqualTo(3));
        Assert.That(listed.Value.States[BackupState.Completed], Is.EqualTo(27));
        Assert.That(listed.Value.AnyInProgress, Is.False);
    }

    [TestCase("abc", 0, 50, "Invalid pattern: abc")]
    [TestCase(null, -1, 50, "Offset")]
    [TestCase(null, 0, 0, "Limit")]
    public void The_page_validator_explains_bad_parameters(string? pattern, int offset, int limit, string message)
    {
        var result = new ListBackupPageValidator().Validate(new ListBackupPageQuery(pattern, null, offset, limit));

        Assert.That(result.Errors.Single().ErrorMessage, Does.Contain(message));
    }

    /// <summary>Backups 1 to <paramref name="backups"/>, every tenth FAILED at its last part; names-only, the engine gives no times.</summary>
    private static async Task SeedAsync(Harness harness, int backups)
    {
        for (var id = 1; id <= backups; id++)
        {
            for (var part = 1; part <= 6; part++)
            {
                harness.Port.Add(Port.Name(id, part), id % 10 == 0 && part == 6 ? "FAILED" : "SUCCESS");
            }
        }

        var full = (await harness.Port.Object.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None)).Value;
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([.. full.Select(s => s with { StartTime = null, EndTime = null, Failures = null })]));
        harness.Port.Mock.Invocations.Clear();
    }

    private static ListBackupPageHandler Pager(Harness harness) =>
        new(new ListBackupsHandler(harness.Port.Object, new SharedListings(harness.Options, harness.Metrics), harness.Options, harness.Clock), harness.Options);
}
