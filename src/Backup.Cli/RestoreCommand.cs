using System.CommandLine;
using Backup.Application.Backups.RestoreBackup;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// <c>backup restore &lt;id&gt;</c>: straight against the engine (the service is normally stopped during a restore),
/// configured with the service's own keys. The rules are <see cref="RestorePlan"/>'s and <see cref="RestoreBackup"/>'s;
/// this shows the plan, asks, and reports.
/// </summary>
internal static class RestoreCommand
{
    public static Command Build(ToolConsole console)
    {
        var setup = new RestoreSetup();
        var id = new Argument<string>("id") { Description = "The backup id to restore" };
        var component = new Option<string?>("--component") { Description = "operate, tasklist or webapps (Backup:Component)" };
        var indexPrefix = new Option<string?>("--index-prefix") { Description = "The component's index prefix (Backup:IndexPrefix)" };

        var command = new Command("restore",
            "Restore a COMPLETED backup from the engine's snapshots, part by part. Configured like the service: "
            + "appsettings (--config), environment variables (Backup__RepositoryName, CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME, ...), "
            + "--Backup:RepositoryName=... switches, or the options below")
        {
            id,
        };
        command.Options.Add(component);
        command.Options.Add(indexPrefix);
        setup.Configure(command, console, id, parse => new Dictionary<string, string?>
        {
            ["Backup:Component"] = parse.GetValue(component),
            ["Backup:IndexPrefix"] = parse.GetValue(indexPrefix),
        }, (settings, services, backupId, choices, cancellationToken) =>
            RunAsync(console, services.GetRequiredService<RestoreBackup>(), settings, backupId, choices, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ToolConsole console, RestoreBackup restore, RestoreSettings settings, BackupId id, RestoreChoices choices, CancellationToken cancellationToken)
    {
        var backup = settings.Backup;
        console.Ui.MarkupLineInterpolated(
            $"Restoring {backup.Component.Name()} backup [bold]{id}[/] from repository [bold]{backup.RepositoryName}[/] of {settings.Database.EngineName} at {UrlCredentials.Hide(settings.Database.Url)}");
        var planned = await restore.PlanAsync(id, cancellationToken);
        if (!planned.IsSuccess)
        {
            return BackupTool.Failed(console, planned.Error);
        }

        var plan = planned.Value;
        ShowPlan(console, plan, choices.DeleteExisting);
        var allowed = plan.CheckCanRestore(choices.DeleteExisting);
        if (choices.DryRun)
        {
            console.Ui.MarkupLine(allowed.IsSuccess
                ? "[bold]Dry run[/]: nothing was changed. Without --dry-run the restore would go ahead as shown."
                : "[bold]Dry run[/]: nothing was changed. Without --dry-run the restore would be refused:");
            return allowed.IsSuccess ? ExitCodes.Ok : BackupTool.Failed(console, allowed.Error);
        }

        if (!allowed.IsSuccess)
        {
            return BackupTool.Failed(console, allowed.Error);
        }

        console.Ui.MarkupLineInterpolated(
            $"[yellow]{backup.Component.Name()} and the backup service must be stopped now[/]: they write into these indices.");
        if (!await RestoreSetup.ConfirmAsync(console, choices, plan.Parts.Count, plan.Deletable.Count, cancellationToken))
        {
            return ExitCodes.Refused;
        }

        var ran = await restore.RunAsync(plan, choices.DeleteExisting, step => Report(console, step), cancellationToken);
        if (!ran.IsSuccess)
        {
            console.Fail(ran.Error.Message);
            console.Fail("The restore stopped there. Look at the indices above, fix the cause, and run the restore again (with --delete-existing to replace what was restored already).");
            return ExitCodes.Of(ran.Error);
        }

        var outcome = ran.Value;
        if (!outcome.IsVerified)
        {
            console.Fail($"restored, but {outcome.Missing.Count} indices of the backup do not exist afterwards: {string.Join(", ", outcome.Missing)}. "
                + "Do not start the component; look at the engine's log and restore again.");
            return ExitCodes.NotVerified;
        }

        console.Ui.MarkupLineInterpolated(
            $"[green]Verified[/]: all {outcome.Plan.Indices.Count} indices of backup {id} exist again ({outcome.Elapsed.TotalSeconds:0.0} s).");
        console.Ui.WriteLine("Next:");
        console.Ui.WriteLine($"  1. Restore the other components of backup {id} the same way (e.g. --component tasklist), and Zeebe from its backup {id}.");
        console.Ui.WriteLine($"  2. Start {backup.Component.Name()} with the same Camunda version the backup was taken with ({plan.Parts[0].Snapshot.Version}).");
        console.Ui.WriteLine("  3. Check with 'backup list' that the service answers again.");
        return ExitCodes.Ok;
    }

    private static void ShowPlan(ToolConsole console, RestorePlan plan, bool deleteExisting)
    {
        console.Ui.MarkupLineInterpolated($"[bold]Plan[/]: {plan.Parts.Count} parts, restored in this order; {RestoreSetup.Indices(plan.Indices.Count)}, {plan.Existing.Count} of them exist now.");
        var existing = plan.Existing.ToHashSet(StringComparer.Ordinal);
        foreach (var part in plan.Parts)
        {
            console.Ui.MarkupLineInterpolated(
                $"  part {part.Snapshot.PartNumber}/{part.Snapshot.PartCount}  [bold]{part.Snapshot.ToString()}[/]  ({RestoreSetup.Indices(part.Indices.Count)}, {part.Existing.Count} {(part.Existing.Count == 1 ? "exists" : "exist")} now)");
            if (part.Indices.Count == 0)
            {
                console.Ui.WriteLine("      (no index: nothing to restore)");
            }

            foreach (var index in part.Indices)
            {
                console.Ui.MarkupLine($"      {Markup.Escape(index)}{(existing.Contains(index) ? "  [yellow](exists)[/]" : "")}");
            }
        }

        if (plan.Foreign.Count > 0)
        {
            console.Ui.WriteLine($"Not {plan.Component.Name()}'s own indices under '{string.Join("', '", plan.IndexRoots)}', never deleted nor restored: {string.Join(", ", plan.Foreign)}");
        }

        if (plan.Existing.Count == 0)
        {
            console.Ui.WriteLine("None of the backup's indices exists now.");
            return;
        }

        console.Ui.WriteLine(deleteExisting
            ? $"--delete-existing deletes these {plan.Deletable.Count} indices first (exact names, nothing else)."
            : $"{plan.Existing.Count} of the backup's indices exist now; the engine cannot restore over them (see --delete-existing).");
    }

    private static void Report(ToolConsole console, RestoreStep step) =>
        console.Ui.WriteLine(RestoreSetup.Describe(
            step.Kind, step.Part is { } name ? $"part {name.PartNumber}/{name.PartCount} ({name})" : "", step.Indices.Count, step.Elapsed));
}
