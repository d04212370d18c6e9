using Backup.Application.Abstractions;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Domain.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Backup.Application.Tests;

/// <summary>
/// Creating a platform backup while the lock is still there: the run before has recorded its end but not yet released
/// the lock (it does so one engine call later), or it is still running.
/// </summary>
public sealed class CreatePlatformBackupTests
{
    private static readonly BackupId Previous = BackupId.Create(1764118800).Value;
    private static readonly BackupId Next = BackupId.Create(1764118900).Value;
    private static readonly PlatformLock PreviousLock = new(new PlatformLease(Previous, "replica-a", DateTimeOffset.UnixEpoch.AddDays(30_000)), "7/1");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1764118850));
    private Mock<IPlatformRecords> _records = null!;

    [SetUp]
    public void ScriptTheEngine()
    {
        _records = new Mock<IPlatformRecords>();
        _records.Setup(r => r.ListRunsAsync(It.IsAny<CancellationToken>())).ReturnsAsync((Result<IReadOnlyList<PlatformRun>>)new List<PlatformRun>());
        _records.Setup(r => r.TryLockAsync(It.IsAny<PlatformLease>(), It.IsAny<CancellationToken>())).ReturnsAsync((Result<PlatformLock?>)(PlatformLock?)null);
        _records.Setup(r => r.GetLockAsync(It.IsAny<CancellationToken>())).ReturnsAsync((Result<PlatformLock?>)PreviousLock);
        _records.Setup(r => r.CreateRunAsync(It.IsAny<PlatformRun>(), It.IsAny<CancellationToken>())).ReturnsAsync((Result<bool>)true);
        // The run started in the background stops at its first write: these tests are about taking the lock.
        _records.Setup(r => r.SaveRunAsync(It.IsAny<PlatformRun>(), It.IsAny<CancellationToken>())).ReturnsAsync(Result.Failure(Error.EngineFailure("not in this test")));
    }

    [Test]
    public async Task A_lock_held_by_an_ended_run_is_taken_over_conditionally_and_the_backup_starts()
    {
        HolderIs(Run(Previous) with { Outcome = PlatformOutcome.Completed, EndedAt = _time.GetUtcNow() });
        var taken = new PlatformLock(new PlatformLease(Next, "replica-b", _time.GetUtcNow().AddSeconds(30)), "8/1");
        _records.Setup(r => r.ReplaceLockAsync(PreviousLock, It.Is<PlatformLease>(l => l.BackupId == Next), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Result<PlatformLock?>)taken);

        var (created, runner) = await CreateAsync();
        await runner.WhenIdleAsync();

        Assert.That(created.IsSuccess, Is.True, () => created.Error!.Message);
        Assert.That(created.Value.Id, Is.EqualTo(Next));
        _records.Verify(r => r.ReplaceLockAsync(PreviousLock, It.Is<PlatformLease>(l => l.BackupId == Next), It.IsAny<CancellationToken>()), Times.Once);
        _records.Verify(r => r.CreateRunAsync(It.Is<PlatformRun>(run => run.Id == Next), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_lock_held_by_an_ended_run_but_taken_over_by_another_create_first_is_refused()
    {
        HolderIs(Run(Previous) with { Outcome = PlatformOutcome.Failed, EndedAt = _time.GetUtcNow() });
        _records.Setup(r => r.ReplaceLockAsync(PreviousLock, It.IsAny<PlatformLease>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Result<PlatformLock?>)(PlatformLock?)null);

        var (created, _) = await CreateAsync();

        Assert.That(created.IsSuccess, Is.False);
        Assert.That(created.Error!.Message, Does.Contain("is being taken: one platform backup at a time"));
        _records.Verify(r => r.ReplaceLockAsync(PreviousLock, It.IsAny<PlatformLease>(), It.IsAny<CancellationToken>()), Times.Once);
        _records.Verify(r => r.CreateRunAsync(It.IsAny<PlatformRun>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_lock_held_by_a_run_that_has_not_ended_is_refused_and_left_alone()
    {
        HolderIs(Run(Previous) with { Step = "await-backup zeebe" });

        var (created, _) = await CreateAsync();

        Assert.That(created.IsSuccess, Is.False);
        Assert.That(created.Error!.Message, Does.StartWith($"Platform backup {Previous} is being taken: one platform backup at a time"));
        _records.Verify(r => r.ReplaceLockAsync(It.IsAny<PlatformLock>(), It.IsAny<PlatformLease>(), It.IsAny<CancellationToken>()), Times.Never);
        _records.Verify(r => r.CreateRunAsync(It.IsAny<PlatformRun>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static PlatformRun Run(BackupId id) =>
        new(id, PlatformLine.V87, [PlatformComponent.Zeebe], DateTimeOffset.FromUnixTimeSeconds(id.Value), null, false, null, null, null);

    private void HolderIs(PlatformRun run) =>
        _records.Setup(r => r.GetRunAsync(run.Id, It.IsAny<CancellationToken>())).ReturnsAsync((Result<PlatformRun?>)run);

    private async Task<(Result<PlatformRun> Created, PlatformRunner Runner)> CreateAsync()
    {
        var options = Options.Create(new PlatformOptions
        {
            Version = "8.7",
            Zeebe = { Url = "http://zeebe:9600" },
            Operate = { Url = "none" },
            Tasklist = { Url = "none" },
            Optimize = { Url = "none" },
        });
        using var meters = new TestMeterFactory();
        var runner = new PlatformRunner(Mock.Of<IComponentBackups>(), _records.Object, options, new PlatformMetrics(meters), _time,
            Mock.Of<IHostApplicationLifetime>(), NullLogger<PlatformRunner>.Instance);
        var handler = new CreatePlatformBackupHandler(_records.Object, runner, options, _time);
        return (await handler.Handle(new CreatePlatformBackupCommand(Next), CancellationToken.None), runner);
    }
}
