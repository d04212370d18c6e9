using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary><c>scripts/platform-sandbox.sh</c>: the whole emulated platform for curl and the tool, stopped whole by SIGTERM.</summary>
public sealed class PlatformSandboxTests
{
    private static readonly string Script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../scripts/platform-sandbox.sh"));

    [Test]
    public async Task The_platform_sandbox_takes_a_platform_backup_to_COMPLETED_and_SIGTERM_stops_everything()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => ServiceProcess.FreePort()).ToArray();
        var start = new ProcessStartInfo("bash", [Script, "8.7", "opensearch2"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, port) in new[] { "PORT", "TASKLIST_PORT", "EMULATOR_PORT", "ZEEBE_PORT", "OPTIMIZE_PORT" }.Zip(ports))
        {
            start.Environment[name] = port.ToString(CultureInfo.InvariantCulture);
        }

        using var sandbox = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        sandbox.BeginOutputReadLine();
        sandbox.BeginErrorReadLine();
        try
        {
            await SandboxScriptTests.WaitUntilAnsweringAsync(sandbox, ports[0]);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/") };
            using var created = await http.PostAsync("actuator/platform/backups", new StringContent("{}", Encoding.UTF8, "application/json"));
            var id = (long)(await BackupApi.ReadAsync(created))["backupId"]!;
            var backup = await PlatformStack.WaitUntilSettledAsync(http, id, TimeSpan.FromSeconds(90));
            Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", sandbox.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await sandbox.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.That(ports.Where(SandboxScriptTests.IsListening), Is.Empty, "everything the sandbox started has stopped");
    }
}
