using Backup.Application.Backups.GetBackupState;
using Backup.Application.Behaviours;
using Backup.Domain;

namespace Backup.Application.Tests;

public sealed class DeadlineBehaviourTests
{
    [Test]
    public async Task A_request_that_outlasts_its_deadline_is_answered_as_an_unreachable_engine()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new BackupOptions { RequestTimeout = TimeSpan.FromMilliseconds(100) });
        var behaviour = new DeadlineBehaviour<GetBackupStateQuery, Result<BackupReport>>(options);

        var answer = await behaviour.Handle(new GetBackupStateQuery(BackupId.Create(1).Value), async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Error.EngineFailure("never");
        }, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answer.Error!.Kind, Is.EqualTo(ErrorKind.EngineUnreachable));
        Assert.That(answer.Error.Message, Does.StartWith("The engine did not answer within 0.1 s (Backup:RequestTimeout)"));
    }

    [Test]
    public void A_caller_that_gives_up_is_not_turned_into_a_502()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new BackupOptions { RequestTimeout = TimeSpan.FromMinutes(1) });
        var behaviour = new DeadlineBehaviour<GetBackupStateQuery, Result<BackupReport>>(options);
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Assert.That(async () => await behaviour.Handle(new GetBackupStateQuery(BackupId.Create(1).Value), async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Error.EngineFailure("never");
        }, caller.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
