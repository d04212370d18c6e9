using Backup.Application.Backups.CreateBackup;
using Backup.Application.Backups.DeleteBackup;
using Backup.Application.Backups.Retention;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backup.Application.Tests;

/// <summary>
/// The mediator as the schedule and retention see it: creates are scripted by the test; the retention plan and
/// deletions go to the real handlers over the harness's port, as the generated mediator would send them.
/// </summary>
internal sealed class Sender
{
    private readonly Lock _gate = new();
    private readonly List<long> _creates = [];
    private readonly List<string> _deletes = [];
    private readonly List<DateTimeOffset> _plans = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _awaited = [];

    public Sender(Harness harness)
    {
        Mock.Setup(s => s.Send(It.IsAny<CreateBackupCommand>(), It.IsAny<CancellationToken>()))
            .Returns((CreateBackupCommand command, CancellationToken _) =>
            {
                Record(() => _creates.Add(command.BackupId!.Value));
                return new ValueTask<Result<CreatedBackup>>(OnCreate(command.BackupId.Value));
            });
        Mock.Setup(s => s.Send(It.IsAny<PlanRetentionQuery>(), It.IsAny<CancellationToken>()))
            .Returns((PlanRetentionQuery query, CancellationToken token) =>
            {
                Record(() => _plans.Add(harness.Clock.GetUtcNow()));
                return new PlanRetentionHandler(harness.Port.Object, harness.Options, harness.Clock).Handle(query, token);
            });
        Mock.Setup(s => s.Send(It.IsAny<DeleteBackupCommand>(), It.IsAny<CancellationToken>()))
            .Returns((DeleteBackupCommand command, CancellationToken token) =>
            {
                Record(() => _deletes.Add(command.BackupId.ToString()));
                return new DeleteBackupHandler(harness.Port.Object, harness.Drives, harness.Options, NullLogger<DeleteBackupHandler>.Instance).Handle(command, token);
            });

        var provider = new Mock<IServiceProvider>();
        provider.Setup(p => p.GetService(typeof(ISender))).Returns(() => Mock.Object);
        var scope = new Mock<IServiceScope>();
        scope.Setup(s => s.ServiceProvider).Returns(provider.Object);
        Scopes.Setup(f => f.CreateScope()).Returns(scope.Object);
    }

    public Mock<ISender> Mock { get; } = new();

    public Mock<IServiceScopeFactory> Scopes { get; } = new();

    /// <summary>What a create answers; success by default.</summary>
    public Func<long, Result<CreatedBackup>> OnCreate { get; set; } = _ => new CreatedBackup([]);

    public IReadOnlyList<long> Creates => Copy(_creates);

    public IReadOnlyList<string> Deletes => Copy(_deletes);

    /// <summary>When (on the clock) each retention plan was asked for.</summary>
    public IReadOnlyList<DateTimeOffset> Plans => Copy(_plans);

    public Task WhenCreates(int count) => When(() => _creates.Count >= count);

    public Task WhenPlans(int count) => When(() => _plans.Count >= count);

    private Task When(Func<bool> done)
    {
        lock (_gate)
        {
            if (done())
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((done, signal));
            return signal.Task;
        }
    }

    private void Record(Action change)
    {
        lock (_gate)
        {
            change();
            foreach (var waiting in _awaited.Where(a => a.Done()).ToList())
            {
                _awaited.Remove(waiting);
                waiting.Signal.SetResult();
            }
        }
    }

    private IReadOnlyList<T> Copy<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
