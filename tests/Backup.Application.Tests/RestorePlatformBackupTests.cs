using Backup.Application.Abstractions;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Domain.Platform;
using Microsoft.Extensions.Options;
using Moq;

namespace Backup.Application.Tests;

/// <summary>The platform restore over a scripted engine: what it verifies after restoring.</summary>
public sealed class RestorePlatformBackupTests
{
    private static readonly BackupId Id = BackupId.Create(1764118800).Value;

    [Test]
    public async Task An_index_still_missing_after_the_restore_is_reported_not_verified()
    {
        var snapshots = new Mock<ISnapshotRepository>();
        snapshots.Setup(s => s.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((Result<IReadOnlyList<string>>)new List<string>());
        var engine = new Mock<ISnapshotRestore>();
        engine.Setup(e => e.GetPlatformBackupSnapshotsAsync(It.IsAny<BackupId>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Result<IReadOnlyList<SnapshotContents>>)new List<SnapshotContents> { new(PlatformNames.RecordsSnapshot(Id), "SUCCESS", ["zeebe-record_job_8.7.0_2026-11-29"]) });
        engine.Setup(e => e.RestoreSnapshotAsync(PlatformNames.RecordsSnapshot(Id), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success());
        var records = new Mock<IPlatformRecords>();
        records.Setup(r => r.GetRunAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync((Result<PlatformRun?>)(PlatformRun?)null);
        var platform = new PlatformOptions
        {
            Version = "8.7",
            Zeebe = { Url = "http://zeebe:9600" },
            Operate = { Url = "none" },
            Tasklist = { Url = "none" },
            Optimize = { Url = "none" },
        };
        var restore = new RestorePlatformBackup(snapshots.Object, engine.Object, records.Object,
            Options.Create(new BackupOptions { RepositoryName = "camunda_backup" }), Options.Create(platform), TimeProvider.System);

        var plan = await restore.PlanAsync(Id, CancellationToken.None);
        var outcome = await restore.RunAsync(plan.Value, deleteExisting: false, _ => { }, CancellationToken.None);

        Assert.That(outcome.Value.IsVerified, Is.False);
        Assert.That(outcome.Value.Missing, Is.EqualTo(new[] { "zeebe-record_job_8.7.0_2026-11-29" }));
        engine.Verify(e => e.DeleteIndicesAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
