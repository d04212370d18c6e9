using System.Net;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>
/// The service stopped gracefully (SIGTERM, as in a rolling update) while its platform backup holds exporting paused:
/// the run ends before the process exits, so that exporting does not wait for another replica's recovery.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8, "8.8")]
[TestFixture(EngineFlavor.OpenSearch2, "8.7")]
public sealed class PlatformStopTests(EngineFlavor flavor, string line)
{
    [Test]
    public async Task SIGTERM_during_a_platform_backup_resumes_exporting_and_ends_the_run_before_the_process_exits()
    {
        await using var stack = await PlatformStack.StartAsync(flavor, line);
        using var service = await stack.StartServiceAsync();
        var id = stack.Engine.NewBackupId();
        stack.Zeebe.HoldBackups = true;
        using (var created = await PlatformStack.CreateAsync(service, id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        }

        await PlatformStack.WaitForAsync(async () => (string?)(await stack.RecordAsync(id))?["step"] == "await-backup zeebe", "the run waits for Zeebe's backup");
        Assert.That(stack.Zeebe.ExporterPhases, Is.All.Not.EqualTo("EXPORTING"), "exporting is paused while Zeebe's backup runs");

        // A resume that takes its time: the process must not exit before it is applied.
        stack.Zeebe.Hang = ("POST actuator/exporting/resume", false);
        stack.Zeebe.HangFor = TimeSpan.FromSeconds(3);
        await service.TerminateAsync();

        Assert.That(stack.Zeebe.ExporterPhases, Is.All.EqualTo("EXPORTING"));
        var record = await stack.RecordAsync(id);
        Assert.That((bool?)record!["exporting_paused"], Is.False, record.ToJsonString());
        Assert.That((string?)record["outcome"], Is.Not.Null, record.ToJsonString());
    }
}
