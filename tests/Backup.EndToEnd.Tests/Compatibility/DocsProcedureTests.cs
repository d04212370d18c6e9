using System.Diagnostics;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Compatibility;

/// <summary>
/// The Camunda 8.7 docs' backup and restore procedures (curl + jq, kept as scripts in Compatibility/Procedures with
/// their source named) run unchanged against Operate's and Tasklist's services on one engine: both backups reach
/// COMPLETED, and after the docs' delete-then-restore every index is back.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8, "restore-elasticsearch.sh", "ELASTIC")]
[TestFixture(EngineFlavor.OpenSearch2, "restore-opensearch.sh", "OPENSEARCH")]
public sealed class DocsProcedureTests(EngineFlavor flavor, string restoreScript, string engineVariable)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Test]
    public async Task The_docs_backup_and_restore_steps_run_unchanged_to_COMPLETED_and_every_index_restored()
    {
        Assume.That(EngineTarget.IsReal, Is.False, "the docs' restore deletes every operate/tasklist index of the engine");
        if (MissingTools() is { } missing)
        {
            Assert.Ignore($"{missing} is not installed: the docs' steps need bash, curl and jq (.ci/run installs jq when it is missing)");
        }

        await using var engine = await EngineTarget.StartAsync(flavor);
        await engine.SeedAsync(Component.Operate);
        await engine.SeedAsync(Component.Tasklist);
        await using var operate = ServiceHost.Start(engine, Component.Operate);
        await using var tasklist = ServiceHost.Start(engine, Component.Tasklist);
        var indices = engine.Emulator!.IndexNames.Order(StringComparer.Ordinal).ToList();
        var backupId = engine.NewBackupId();
        var variables = new Dictionary<string, string>
        {
            ["BACKUP_ID"] = backupId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OPERATE_MANAGEMENT_API"] = operate.Http.BaseAddress!.ToString(),
            ["TASKLIST_MANAGEMENT_API"] = tasklist.Http.BaseAddress!.ToString(),
            [$"{engineVariable}_ENDPOINT"] = engine.Url.ToString(),
            [$"{engineVariable}_SNAPSHOT_REPOSITORY"] = engine.Repository,
        };

        var backup = await RunAsync("backup.sh", variables);

        Assert.That(backup.ExitCode, Is.EqualTo(0), backup.Output);
        Assert.That(backup.Output, Does.Contain($"Finished backup with ID {backupId}"));
        foreach (var api in new[] { operate, tasklist })
        {
            using var state = await api.GetAsync(backupId);
            Assert.That((string?)(await BackupApi.ReadAsync(state))["state"], Is.EqualTo("COMPLETED"));
        }

        var restore = await RunAsync(restoreScript, variables);

        Assert.That(restore.ExitCode, Is.EqualTo(0), restore.Output);
        var requests = engine.Emulator.Requests;
        Assert.That(requests.Count(r => r.Method == "DELETE" && !r.Path.Contains("_snapshot", StringComparison.Ordinal)), Is.EqualTo(indices.Count), "every index deleted first");
        Assert.That(requests.Count(r => r.Path.EndsWith("/_restore", StringComparison.Ordinal)), Is.EqualTo(12), "six parts of each component restored");
        Assert.That(restore.Output, Does.Not.Contain("\"error\""));
        Assert.That(engine.Emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(indices), "every index restored");
    }

    private static string? MissingTools() =>
        new[] { "bash", "curl", "jq" }.FirstOrDefault(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool))));

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, Dictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("bash", Path.Combine(AppContext.BaseDirectory, "Compatibility", "Procedures", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within {Deadline}: {await output}");
        }

        return (process.ExitCode, $"{await output}\n{await error}");
    }
}
