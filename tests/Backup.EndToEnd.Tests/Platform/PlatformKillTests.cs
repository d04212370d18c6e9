using System.Diagnostics;
using System.Net;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>
/// The service is SIGKILLed at every step of a platform backup, each step held where it waits or mid-call; a replica
/// started afterwards resumes exporting within a bounded time (the lease and a recovery look) and ends the backup
/// with a definite state. Exporting is never left paused.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8, "8.7")]
[TestFixture(EngineFlavor.OpenSearch2, "8.8")]
public sealed class PlatformKillTests(EngineFlavor flavor, string line)
{
    /// <summary>The lease (2 s) run out, a recovery look (every 1 s), a process start and slack for a busy machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Killing_the_service_at_every_step_leaves_exporting_resumed_and_the_backup_with_a_definite_state()
    {
        await using var stack = await PlatformStack.StartAsync(flavor, line);
        var service = await stack.StartServiceAsync();
        try
        {
            var steps = await StepsAsync(stack, service);
            Assert.That(steps, Has.Count.GreaterThanOrEqualTo(10));
            foreach (var step in steps)
            {
                var id = stack.Engine.NewBackupId();
                Hold(stack, step, id);
                using (var created = await PlatformStack.CreateAsync(service, id))
                {
                    Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), $"{step}: {await created.Content.ReadAsStringAsync()}");
                }

                await PlatformStack.WaitForAsync(async () => (string?)(await stack.RecordAsync(id))?["step"] == step, $"the run reached '{step}'");
                var pausedAtKill = (bool?)(await stack.RecordAsync(id))!["exporting_paused"] == true;
                service.KillHard();
                service.Dispose();
                Release(stack, id);

                var clock = Stopwatch.StartNew();
                service = await stack.StartServiceAsync();
                await PlatformStack.WaitForAsync(
                    async () => stack.Zeebe.ExporterPhases.All(p => p == "EXPORTING") && (await stack.RecordAsync(id))?["outcome"] is not null,
                    $"exporting resumed and the run ended after a kill at '{step}'", Bound);
                var backup = await PlatformStack.WaitUntilSettledAsync(service.Http, id);
                TestContext.Out.WriteLine($"{step}: exporting paused at kill {pausedAtKill}; resumed and ended {backup["state"]} after {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.That((string?)backup["state"], Is.AnyOf("COMPLETED", "FAILED", "INCOMPLETE"), step);
                if (pausedAtKill)
                {
                    Assert.That(stack.Zeebe.Calls[^1], Is.EqualTo("POST actuator/exporting/resume").Or.StartsWith("GET"), $"{step}: the replica resumed");
                }
            }
        }
        finally
        {
            service.Dispose();
        }
    }

    /// <summary>The plan, as the service announces it for a first, uninterrupted backup.</summary>
    private static async Task<IReadOnlyList<string>> StepsAsync(PlatformStack stack, ServiceProcess service)
    {
        var id = stack.Engine.NewBackupId();
        using var created = await PlatformStack.CreateAsync(service, id);
        var steps = (await BackupApi.ReadAsync(created))["steps"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.That((string?)(await PlatformStack.WaitUntilSettledAsync(service.Http, id))["state"], Is.EqualTo("COMPLETED"));
        return steps;
    }

    /// <summary>The first part's snapshot of a component's backup: while it runs, the component's backup is IN_PROGRESS.</summary>
    private static string FirstPart(PlatformStack stack, string component, long id) => component switch
    {
        "optimize" => $"camunda_optimize_{id}_8.7.1_part_1_of_2",
        "webapps" => $"camunda_webapps_{id}_8.8.0_part_1_of_5",
        _ => $"camunda_{component}_{id}_8.7.0_part_1_of_6",
    };

    /// <summary>Makes <paramref name="step"/> wait: a call that hangs, or a backup or snapshot that does not end.</summary>
    private static void Hold(PlatformStack stack, string step, long id)
    {
        var zeebeBackups = stack.Line == "8.8" ? "POST actuator/backupRuntime" : "POST actuator/backups";
        switch (step.Split(' '))
        {
            case ["start-backup", "zeebe"]:
                stack.Zeebe.Hang = (zeebeBackups, true);
                break;
            case ["await-backup", "zeebe"]:
                stack.Zeebe.HoldBackups = true;
                break;
            case ["start-backup", var component]:
                stack.Emulator.Faults.Hang = TimeSpan.FromSeconds(3);
                stack.Emulator.Faults.Only = r => r.Method == "PUT" && r.Path.Contains($"camunda_{component}_", StringComparison.Ordinal);
                break;
            case ["await-backup", var component]:
                stack.Emulator.SetOutcome(FirstPart(stack, component, id), SnapshotOutcome.InProgress);
                break;
            case ["await-records-snapshot"]:
                stack.Emulator.SetOutcome($"camunda_zeebe_records_backup_{id}", SnapshotOutcome.InProgress);
                break;
            case ["soft-pause-exporting"]:
                stack.Zeebe.Hang = ("POST actuator/exporting/pause", true);
                break;
            case ["records-snapshot"]:
                stack.Emulator.Faults.Hang = TimeSpan.FromSeconds(3);
                stack.Emulator.Faults.Only = r => r.Method == "PUT" && r.Path.Contains("camunda_zeebe_records_backup_", StringComparison.Ordinal);
                break;
            case ["resume-exporting"]:
                stack.Zeebe.Hang = ("POST actuator/exporting/resume", false);
                break;
            default:
                Assert.Fail($"No way to hold step '{step}'");
                break;
        }
    }

    private static void Release(PlatformStack stack, long id)
    {
        foreach (var component in new[] { "optimize", "operate", "tasklist", "webapps" })
        {
            stack.Emulator.SetOutcome(FirstPart(stack, component, id), SnapshotOutcome.Success);
        }

        stack.Emulator.SetOutcome($"camunda_zeebe_records_backup_{id}", SnapshotOutcome.Success);

        stack.Zeebe.Hang = null;
        stack.Zeebe.HoldBackups = false;
        stack.Zeebe.CompleteBackups();
        stack.Emulator.Faults.Reset();
    }
}
