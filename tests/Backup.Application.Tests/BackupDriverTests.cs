using Backup.Application.Abstractions;
using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

public sealed class BackupDriverTests
{
    private static BackupPlan Plan(long id = 9) =>
        BackupPlan.Create(BackupId.Create(id).Value, ComponentProfile.Operate, "operate", "8.7.0", Port.OperateIndices).Value;

    private static async Task DriveAsync(Harness harness, BackupPlan plan, int fromPart = 1, bool created = true)
    {
        if (created)
        {
            harness.Port.Add(plan.SnapshotNameOf(fromPart), "IN_PROGRESS");
        }

        await harness.Clock.RunAsync(harness.Driver.DriveAsync(plan, fromPart, created, CancellationToken.None));
    }

    [Test]
    public async Task Takes_the_parts_in_order_each_only_after_the_previous_one_succeeded()
    {
        using var harness = new Harness();
        var plan = Plan();

        await DriveAsync(harness, plan);

        Assert.That(harness.Port.Events, Is.EqualTo(new[]
        {
            "finished 1", "created 2", "finished 2", "created 3", "finished 3", "created 4", "finished 4", "created 5", "finished 5", "created 6", "finished 6",
        }));
        Assert.That(harness.Port.Created.Select(r => r.Indices), Is.EqualTo(plan.Parts.Skip(1).Select(p => p.Indices)));
    }

    [TestCase("FAILED")]
    [TestCase("PARTIAL")]
    [TestCase("INCOMPATIBLE")]
    public async Task Stops_at_a_part_that_does_not_succeed(string state)
    {
        using var harness = new Harness();
        harness.Port.Finishes = name => name.PartNumber == 3 ? state : "SUCCESS";

        await DriveAsync(harness, Plan());

        Assert.That(harness.Port.Created.Select(r => r.Name.PartNumber), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public async Task A_long_part_is_followed_by_its_progress_so_the_next_starts_soon_after_it_ends_with_few_looks()
    {
        using var harness = new Harness();
        harness.Options.Value.MaxPollInterval = TimeSpan.FromMinutes(1);
        var plan = Plan();
        var partTime = TimeSpan.FromMinutes(10);
        var firstStart = harness.Clock.GetUtcNow();
        harness.Port.Done = _ => (harness.Clock.GetUtcNow() - firstStart) / partTime;
        harness.Port.Finishes = name => name.PartNumber > 1 || harness.Clock.GetUtcNow() - firstStart >= partTime ? "SUCCESS" : null;
        harness.Port.Add(plan.SnapshotNameOf(1), "IN_PROGRESS", started: firstStart);

        await harness.Clock.RunAsync(harness.Driver.DriveAsync(plan, 1, true, CancellationToken.None));

        var second = (await harness.Port.Object.GetSnapshotAsync(plan.SnapshotNameOf(2), CancellationToken.None)).Value!;
        var looksAtFirst = harness.Port.Mock.Invocations.Count(i =>
            i.Method.Name == nameof(ISnapshotRepository.GetSnapshotProgressAsync) && Equals(i.Arguments[0], plan.SnapshotNameOf(1)));
        Assert.That(second.StartTime - (firstStart + partTime), Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(250)), "follow-up delay");
        Assert.That(looksAtFirst, Is.LessThanOrEqualTo(30), "looking every 250 ms would be 2,400 looks; every minute, a minute late");
    }

    [Test]
    public async Task Stops_when_a_part_vanishes()
    {
        using var harness = new Harness();
        var plan = Plan();
        harness.Port.Finishes = _ => null;
        harness.Port.Add(plan.SnapshotNameOf(1), "IN_PROGRESS");
        var drive = harness.Driver.DriveAsync(plan, 1, true, CancellationToken.None);

        harness.Port.Mock.Setup(p => p.GetSnapshotProgressAsync(plan.SnapshotNameOf(1), It.IsAny<CancellationToken>())).ReturnsAsync((SnapshotProgress?)null);
        harness.Port.Mock.Setup(p => p.GetSnapshotAsync(plan.SnapshotNameOf(1), It.IsAny<CancellationToken>())).ReturnsAsync((Snapshot?)null);
        await harness.Clock.RunAsync(drive);

        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task A_part_another_replica_already_created_is_followed_not_refused()
    {
        using var harness = new Harness();
        var plan = Plan();
        harness.Port.Add(plan.SnapshotNameOf(2), "IN_PROGRESS");

        await DriveAsync(harness, plan);

        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
        Assert.That(harness.Port.Events, Does.Contain("finished 2").And.Contain("finished 6"));
    }

    [Test]
    public async Task No_part_is_started_once_the_incomplete_check_timeout_passed_since_the_previous_one_ended()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = _ => Error.EngineUnreachable("down");

        await DriveAsync(harness, Plan());

        Assert.That(harness.Port.Created, Is.Empty);
        Assert.That(harness.Clock.GetUtcNow() - new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Creating_a_part_is_retried_while_the_engine_cannot_be_reached()
    {
        using var harness = new Harness();
        var failures = 3;
        harness.Port.OnCreate = _ => failures-- > 0 ? Error.EngineUnreachable("down") : (Result<SnapshotCreation>?)null;

        await DriveAsync(harness, Plan());

        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task A_part_whose_create_answer_was_lost_is_read_back_not_created_again()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            if (request.Name.PartNumber != 2)
            {
                return null;
            }

            harness.Port.Add(request.Name, "IN_PROGRESS");
            return Error.EngineUnreachable("timed out");
        };

        await DriveAsync(harness, Plan());

        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
        harness.Port.Mock.Verify(p => p.CreateSnapshotAsync(It.Is<SnapshotRequest>(r => r.Name.PartNumber == 2), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task An_engine_error_on_create_ends_the_drive()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = _ => Error.EngineFailure("index_not_found_exception");

        await DriveAsync(harness, Plan());

        Assert.That(harness.Port.Names, Has.Count.EqualTo(1));
        harness.Port.Mock.Verify(p => p.CreateSnapshotAsync(It.IsAny<SnapshotRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
