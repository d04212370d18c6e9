using Backup.Domain;

namespace Backup.Application.Tests;

public sealed class BackupWorkerTests
{
    [Test]
    public async Task A_backup_interrupted_between_parts_is_finished_with_its_own_version()
    {
        using var harness = new Harness();
        var ended = harness.Clock.GetUtcNow().AddMinutes(-1);
        harness.Port.Add(Port.Name(7, 1, "8.6.2"), "SUCCESS", ended);
        harness.Port.Add(Port.Name(7, 2, "8.6.2"), "SUCCESS", ended);

        await harness.Worker.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(WaitForAsync(() => harness.Port.Names.Count == 6 && harness.Port.Events.Contains("finished 6")));

        Assert.That(harness.Port.Names, Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"camunda_operate_7_8.6.2_part_{n}_of_6")));
    }

    [Test]
    public async Task A_part_still_running_at_start_up_is_followed_and_the_rest_taken()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(7, 1), "SUCCESS");
        harness.Port.Add(Port.Name(7, 2), "IN_PROGRESS");

        await harness.Worker.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(WaitForAsync(() => harness.Port.Events.Contains("finished 6")));

        Assert.That(harness.Port.Events[0], Is.EqualTo("finished 2"));
        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Incomplete_and_completed_backups_are_left_alone()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(3, 1), "SUCCESS", harness.Clock.GetUtcNow().AddHours(-1));
        for (var part = 1; part <= 6; part++)
        {
            harness.Port.Add(Port.Name(4, part), "SUCCESS");
        }

        await harness.Worker.StartAsync(CancellationToken.None);
        await harness.Worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(harness.Port.Created, Is.Empty);
        Assert.That(harness.Worker.CurrentBackup(Component.Operate), Is.Null);
    }

    /// <summary>A task that ends once the condition holds, checking whenever the clock moves.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Yield();
        }
    }
}
