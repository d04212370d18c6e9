using Backup.Application.Abstractions;
using Backup.Application.Backups.CreateBackup;
using Backup.Application.Behaviours;
using Backup.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backup.Application.Tests;

public sealed class CreateBackupTests
{
    /// <summary>The handler behind the pipeline behaviour that answers for a missing repository, as the mediator runs it.</summary>
    private static async Task<Result<CreatedBackup>> CreateAsync(Harness harness, long id)
    {
        var handler = new CreateBackupHandler(harness.Port.Object, harness.Drives, harness.InProgress, harness.Rivals, harness.Options, NullLogger<CreateBackupHandler>.Instance);
        return await new RepositoryConfiguredBehaviour<CreateBackupCommand, Result<CreatedBackup>>(harness.Options)
            .Handle(new CreateBackupCommand(BackupId.Create(id).Value), handler.Handle, CancellationToken.None);
    }

    [Test]
    public async Task Create_returns_NotFound_when_no_repository_is_configured()
    {
        using var harness = new Harness(repository: null);

        var created = await CreateAsync(harness, 1);

        Assert.That(created.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        Assert.That(created.Error.Message, Does.StartWith("No backup repository configured."));
    }

    [Test]
    public async Task Create_for_webapps_returns_Invalid_when_no_repository_is_configured_as_8_8_does()
    {
        using var harness = new Harness(repository: null);
        harness.Options.Value.Component = Component.Webapps;

        var created = await CreateAsync(harness, 1);

        Assert.That(created.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(created.Error.Message, Does.StartWith("No backup repository configured."));
    }

    [Test]
    public async Task Create_for_webapps_looks_up_the_three_index_families_and_names_only_the_parts_it_plans()
    {
        using var harness = new Harness();
        harness.Options.Value.Component = Component.Webapps;
        harness.Port.Indices = [.. ComponentProfile.Webapps.Indices.Select(d => $"{d.Name}-8.8.0_")];

        var created = await CreateAsync(harness, 7);

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
        harness.Port.Mock.Verify(p => p.GetIndicesAsync("operate-*,tasklist-*,camunda-*", It.IsAny<CancellationToken>()));
        Assert.That(created.Value.ScheduledSnapshots.Select(n => n.ToString()),
            Is.EqualTo(Enumerable.Range(1, 5).Select(n => $"camunda_webapps_7_8.8.0_part_{n}_of_5")));
    }

    [Test]
    public async Task Create_returns_Invalid_with_the_existing_names_when_a_backup_with_the_id_exists()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(5, 1, "8.6.0"), "SUCCESS");

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(created.Error.Message, Is.EqualTo("A backup with ID [5] already exists. Found snapshots: [camunda_operate_5_8.6.0_part_1_of_6]"));
        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task Create_is_not_fooled_by_a_longer_id_or_another_components_backup()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(50, 1), "SUCCESS", harness.Clock.GetUtcNow().AddHours(-1));
        harness.Port.Add(Port.Name(5, 1, component: Component.Tasklist), "SUCCESS");

        var created = await CreateAsync(harness, 5);

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    [Test]
    public async Task Create_returns_Invalid_while_the_engine_takes_a_part_of_another_backup()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(4, 2), "IN_PROGRESS");

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("Another backup is running at the moment (backup [4])"));
        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task Create_passes_an_unreachable_engine_through()
    {
        using var harness = new Harness();
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Error.EngineUnreachable("down"));

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error, Is.EqualTo(Error.EngineUnreachable("down")));
    }

    [Test]
    public async Task Create_names_missing_required_indices_and_creates_nothing()
    {
        using var harness = new Harness();
        harness.Port.Indices = ["operate-list-view-8.3.0_"];

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("Missing indices: [operate-import-position-*_"));
        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task Create_starts_part_1_with_the_plans_indices_and_names_every_part()
    {
        using var harness = new Harness();

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Value.ScheduledSnapshots.Select(n => n.ToString()),
            Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"camunda_operate_5_8.7.0_part_{n}_of_6")));
        var first = harness.Port.Created[0];
        Assert.That(first.Name, Is.EqualTo(Port.Name(5, 1)));
        Assert.That(first.Indices, Is.EqualTo(new[] { "operate-import-position-8.3.0_" }));
        Assert.That(first.IncludeGlobalState, Is.True);
    }

    [Test]
    public async Task Create_refuses_when_part_1s_name_is_already_taken()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = _ => SnapshotCreation.NameInUse;

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("A backup with ID [5] already exists: snapshot [camunda_operate_5_8.7.0_part_1_of_6] is being taken or deleted"));
    }

    [Test]
    public async Task A_create_whose_answer_was_lost_succeeds_when_part_1_exists_after_all()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(request.Name, "IN_PROGRESS");
            return Error.EngineUnreachable("timed out");
        };

        var created = await CreateAsync(harness, 5);

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    [Test]
    public async Task A_create_whose_answer_was_lost_is_502_when_part_1_does_not_exist()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = _ => Error.EngineUnreachable("timed out");

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Kind, Is.EqualTo(ErrorKind.EngineUnreachable));
    }

    [Test]
    public async Task Create_yields_and_deletes_its_first_part_when_another_replica_started_a_backup_no_later()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(Port.Name(4, 1), "IN_PROGRESS");
            return null;
        };

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("Another backup is running at the moment (backup [4])"));
        Assert.That(harness.Port.Names, Is.EqualTo(new[] { "camunda_operate_4_8.7.0_part_1_of_6" }), "its own first part is deleted, the rival's kept");
    }

    [Test]
    public async Task Create_yields_on_a_tie_of_start_times_to_the_lower_id()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(Port.Name(4, 1), "IN_PROGRESS", started: harness.Clock.GetUtcNow());
            return null;
        };

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("Another backup is running at the moment (backup [4])"));
        Assert.That(harness.Port.Names, Is.EqualTo(new[] { "camunda_operate_4_8.7.0_part_1_of_6" }));
    }

    [Test]
    public async Task Create_wins_a_tie_with_a_higher_id_once_that_rival_has_yielded()
    {
        using var harness = new Harness();
        var rival = Port.Name(6, 1);
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(rival, "IN_PROGRESS", started: harness.Clock.GetUtcNow());
            return null;
        };
        harness.Port.Finishes = _ => null;

        var creating = CreateAsync(harness, 5);
        var waitedForTheRival = !creating.IsCompleted;
        harness.Port.Remove(rival);
        await harness.Clock.RunAsync(creating);

        var created = await creating;
        Assert.That(waitedForTheRival, Is.True, "a tie with a higher id is not won before that rival had a chance to yield");
        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    [Test]
    public async Task Create_yields_on_a_tie_with_a_higher_id_whose_rival_had_already_won()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(Port.Name(6, 1), "IN_PROGRESS", started: harness.Clock.GetUtcNow());
            return null;
        };
        harness.Port.Finishes = _ => null;

        var creating = CreateAsync(harness, 5);
        await harness.Clock.RunAsync(creating);

        var created = await creating;
        Assert.That(created.Error!.Message, Does.StartWith("Another backup is running at the moment (backup [6])"));
        Assert.That(harness.Port.Names, Is.EqualTo(new[] { "camunda_operate_6_8.7.0_part_1_of_6" }), "its own first part is deleted, the winner's kept");
    }

    [Test]
    public async Task A_yielding_create_retries_the_deletion_of_its_first_part_until_it_is_gone()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(Port.Name(4, 1), "IN_PROGRESS");
            return null;
        };
        var refusals = 2;
        harness.Port.Mock.Setup(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<SnapshotName> names, CancellationToken _) =>
            {
                if (refusals-- > 0)
                {
                    return Error.EngineFailure("concurrent_snapshot_execution_exception");
                }

                harness.Port.Remove(names[0]);
                return Result.Success();
            });

        var creating = CreateAsync(harness, 5);
        await harness.Clock.RunAsync(creating);

        Assert.That((await creating).Error!.Message, Does.StartWith("Another backup is running at the moment (backup [4])"));
        Assert.That(harness.Port.Names, Is.EqualTo(new[] { "camunda_operate_4_8.7.0_part_1_of_6" }));
    }

    [Test]
    public async Task Create_is_refused_while_another_backup_is_between_two_parts()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(4, 1), "SUCCESS", harness.Clock.GetUtcNow().AddSeconds(-10));

        var created = await CreateAsync(harness, 5);

        Assert.That(created.Error!.Message, Does.StartWith("Another backup is running at the moment (backup [4])"));
        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task Create_goes_on_once_an_interrupted_backup_is_past_the_incomplete_check_timeout()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(4, 1), "SUCCESS", harness.Clock.GetUtcNow() - harness.Options.Value.IncompleteCheckTimeout);

        var created = await CreateAsync(harness, 5);

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    [Test]
    public async Task Create_goes_on_when_the_only_rival_started_later()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = request =>
        {
            harness.Port.Add(Port.Name(6, 1), "IN_PROGRESS", started: harness.Clock.GetUtcNow().AddMilliseconds(1));
            return null;
        };

        var created = await CreateAsync(harness, 5);

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    [Test]
    public async Task Create_asks_the_engine_its_three_questions_before_part_1_at_once()
    {
        using var harness = new Harness();
        var meeting = new Meeting(3);
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()))
            .Returns(() => meeting.AnswerAsync(Result.Success<IReadOnlyList<Snapshot>>([])));
        harness.Port.Mock.Setup(p => p.GetRunningSnapshotsAsync(It.IsAny<CancellationToken>()))
            .Returns(() => meeting.AnswerAsync(Result.Success<IReadOnlyList<Snapshot>>([])));
        harness.Port.Mock.Setup(p => p.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() => meeting.AnswerAsync(Result.Success(harness.Port.Indices)));

        var created = await CreateAsync(harness, 5).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_5_*"), false, It.IsAny<CancellationToken>()), Times.Never,
            "whether the id is taken is read from the component's names, not asked again");
    }

    [Test]
    public async Task Create_reads_its_own_part_together_with_the_names_when_it_looks_for_rivals()
    {
        using var harness = new Harness();
        var meeting = new Meeting(2);
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()))
            .Returns(() => harness.Port.Created.Count == 0
                ? Task.FromResult(Result.Success<IReadOnlyList<Snapshot>>([]))
                : meeting.AnswerAsync(Result.Success<IReadOnlyList<Snapshot>>([])));
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_5_*"), true, It.IsAny<CancellationToken>()))
            .Returns(() => meeting.AnswerAsync(Result.Success<IReadOnlyList<Snapshot>>([new Snapshot(Port.Name(5, 1), "IN_PROGRESS", harness.Clock.GetUtcNow(), null, [])])));

        var created = await CreateAsync(harness, 5).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(created.IsSuccess, Is.True, created.Error?.Message);
    }

    /// <summary>Answers only once <c>n</c> questions have been asked: a caller asking them one after another never hears back.</summary>
    private sealed class Meeting(int n)
    {
        private readonly TaskCompletionSource _everyoneAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asked;

        public async Task<T> AnswerAsync<T>(T answer)
        {
            if (Interlocked.Increment(ref _asked) == n)
            {
                _everyoneAsked.SetResult();
            }

            await _everyoneAsked.Task;
            return answer;
        }
    }
}
