using System.CommandLine;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Domain.Platform;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// <c>backup platform restore &lt;id&gt;</c>: every engine snapshot of a platform backup, straight against the engine
/// (every component is stopped during a restore), configured with the service's own keys; then the Zeebe step, which
/// the brokers carry out themselves. The rules are <see cref="PlatformRestorePlan"/>'s and <see cref="RestorePlatformBackup"/>'s.
/// </summary>
internal static class PlatformRestoreCommand
{
    public static Command Build(ToolConsole console)
    {
        var setup = new RestoreSetup();
        var id = new Argument<string>("id") { Description = "The platform backup's id" };
        var command = new Command("restore",
            "Restore a platform backup's snapshots (Optimize, Operate and Tasklist or the 8.8 webapps, the Zeebe records) from the engine, "
            + "and print the Zeebe restore step. Configured like the service (Platform:Version, Platform:<Component>:Url, Backup:RepositoryName, Database:Url)")
        {
            id,
        };
        setup.Configure(command, console, id, _ => [], (settings, services, backupId, choices, cancellationToken) =>
        {
            if (!settings.Platform.IsEnabled)
            {
                console.Fail("Platform:Version is not set: give the service's platform configuration (--Platform:Version=8.7, --Platform:Optimize:Url=..., or --config).");
                return Task.FromResult(ExitCodes.Usage);
            }

            return RunAsync(console, services.GetRequiredService<RestorePlatformBackup>(), settings, backupId, choices, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ToolConsole console, RestorePlatformBackup restore, RestoreSettings settings, BackupId id, RestoreChoices choices, CancellationToken cancellationToken)
    {
        console.Ui.MarkupLineInterpolated(
            $"Restoring platform backup [bold]{id}[/] (Camunda {settings.Platform.Line.Name()}) from repository [bold]{settings.Backup.RepositoryName}[/] of {settings.Database.EngineName} at {UrlCredentials.Hide(settings.Database.Url)}");
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
            ShowZeebeStep(console, plan, "Then");
            console.Ui.MarkupLine(allowed.IsSuccess
                ? "[bold]Dry run[/]: nothing was changed. Without --dry-run the restore would go ahead as shown."
                : "[bold]Dry run[/]: nothing was changed. Without --dry-run the restore would be refused:");
            return allowed.IsSuccess ? ExitCodes.Ok : BackupTool.Failed(console, allowed.Error);
        }

        if (!allowed.IsSuccess)
        {
            return BackupTool.Failed(console, allowed.Error);
        }

        console.Ui.MarkupLine("[yellow]Every Camunda component and the backup service must be stopped now[/]: they write into these indices.");
        if (!await RestoreSetup.ConfirmAsync(console, choices, plan.Parts.Count, plan.Existing.Count, cancellationToken))
        {
            return ExitCodes.Refused;
        }

        var ran = await restore.RunAsync(plan, choices.DeleteExisting, step => Report(console, step), cancellationToken);
        if (!ran.IsSuccess)
        {
            console.Fail(ran.Error.Message);
            console.Fail("The restore stopped there. Fix the cause and run it again with --delete-existing to replace what was restored already.");
            return ExitCodes.Of(ran.Error);
        }

        if (!ran.Value.IsVerified)
        {
            console.Fail($"restored, but {ran.Value.Missing.Count} indices of the backup do not exist afterwards: {string.Join(", ", ran.Value.Missing)}. "
                + "Do not start any component; look at the engine's log and restore again.");
            return ExitCodes.NotVerified;
        }

        console.Ui.MarkupLineInterpolated(
            $"[green]Verified[/]: all {plan.Indices.Count} indices of platform backup {id} exist again ({ran.Value.Elapsed.TotalSeconds:0.0} s).");
        ShowZeebeStep(console, plan, "Next");
        return ExitCodes.Ok;
    }

    private static void ShowPlan(ToolConsole console, PlatformRestorePlan plan, bool deleteExisting)
    {
        console.Ui.MarkupLineInterpolated(
            $"[bold]Plan[/]: {plan.Parts.Count} snapshots of Camunda {plan.Version}, restored in this order; {plan.Indices.Count} indices, {plan.Existing.Count} of them exist now.");
        foreach (var part in plan.Parts)
        {
            console.Ui.MarkupLineInterpolated(
                $"  {Name(part)}  [bold]{part.Snapshot}[/]  ({part.Indices.Count} indices, {part.Existing.Count} exist now)");
            var existing = part.Existing.ToHashSet(StringComparer.Ordinal);
            foreach (var index in part.Indices)
            {
                console.Ui.MarkupLine($"      {Markup.Escape(index)}{(existing.Contains(index) ? "  [yellow](exists)[/]" : "")}");
            }
        }

        if (plan.Existing.Count > 0)
        {
            console.Ui.WriteLine(deleteExisting
                ? $"--delete-existing deletes these {plan.Existing.Count} indices first (exact names, nothing else)."
                : $"{plan.Existing.Count} of the backup's indices exist now; the engine cannot restore over them (see --delete-existing).");
        }
    }

    private static void ShowZeebeStep(ToolConsole console, PlatformRestorePlan plan, string when)
    {
        console.Ui.MarkupLineInterpolated($"[bold]{when}, Zeebe[/]: its backup {plan.Id} is in Zeebe's own backup store, not in the engine; the brokers restore themselves:");
        foreach (var line in ZeebeRestoreStep.For(plan.Version, plan.Id))
        {
            console.Ui.WriteLine($"  {line}");
        }
    }

    private static string Name(PlatformRestorePart part) => part.Component == PlatformComponent.Zeebe
        ? "zeebe records"
        : $"{part.Component.Name()} part {part.Part}/{part.PartCount}";

    private static void Report(ToolConsole console, PlatformRestoreStep step) =>
        console.Ui.WriteLine(RestoreSetup.Describe(step.Kind, step.Part is { } part ? $"{Name(part)} ({part.Snapshot})" : "", step.Indices.Count, step.Elapsed));
}
