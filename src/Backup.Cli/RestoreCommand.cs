using System.CommandLine;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Application.Backups.RestoreBackup;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        var id = new Argument<string>("id") { Description = "The backup id to restore" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan and whether it could go ahead; change nothing" };
        var deleteExisting = new Option<bool>("--delete-existing")
        {
            Description = "Delete the existing indices that the backup holds under the component's prefix, then restore",
        };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask before restoring; without a terminal, needed for --delete-existing to delete" };
        var config = new Option<string?>("--config") { Description = "An appsettings.json of the service to read the configuration from" };
        var engineUrl = new Option<string?>("--engine-url") { Description = "The engine (Database:Url)" };
        var engineType = new Option<string?>("--engine-type") { Description = "elasticsearch or opensearch (Database:Type)" };
        var repository = new Option<string?>("--repository") { Description = "The engine's snapshot repository (Backup:RepositoryName)" };
        var component = new Option<string?>("--component") { Description = "operate, tasklist or webapps (Backup:Component)" };
        var indexPrefix = new Option<string?>("--index-prefix") { Description = "The component's index prefix (Backup:IndexPrefix)" };

        var command = new Command("restore",
            "Restore a COMPLETED backup from the engine's snapshots, part by part. Configured like the service: "
            + "appsettings (--config), environment variables (Backup__RepositoryName, CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME, ...), "
            + "--Backup:RepositoryName=... switches, or the options below")
        {
            id, dryRun, deleteExisting, yes, config, engineUrl, engineType, repository, component, indexPrefix,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var backupId = BackupId.Parse(parse.GetValue(id));
            if (!backupId.IsSuccess)
            {
                console.Fail(backupId.Error.Message);
                return ExitCodes.Usage;
            }

            if (parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) || !t.Contains('=', StringComparison.Ordinal)) is { } stray)
            {
                console.Fail($"unknown argument '{stray}'. Configuration switches read --Key=value (e.g. --Backup:RepositoryName=camunda_backup, or an original key such as --camunda.operate.backup.repositoryName=camunda_backup).");
                return ExitCodes.Usage;
            }

            var explicitKeys = new Dictionary<string, string?>
            {
                ["Database:Url"] = parse.GetValue(engineUrl),
                ["Database:Type"] = parse.GetValue(engineType),
                ["Backup:RepositoryName"] = parse.GetValue(repository),
                ["Backup:Component"] = parse.GetValue(component),
                ["Backup:IndexPrefix"] = parse.GetValue(indexPrefix),
            };
            var settings = Configure(parse.GetValue(config), parse.UnmatchedTokens, explicitKeys);
            if (!settings.IsSuccess)
            {
                console.Fail(settings.Error.Message);
                return ExitCodes.Usage;
            }

            await using var services = Services(settings.Value);
            var restore = services.GetRequiredService<RestoreBackup>();
            return await RunAsync(console, restore, settings.Value, backupId.Value,
                new RestoreChoices(parse.GetValue(dryRun), parse.GetValue(deleteExisting), parse.GetValue(yes)), cancellationToken);
        });
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
        if (!console.IsInteractive && !choices.Yes && choices.DeleteExisting && plan.Deletable.Count > 0)
        {
            console.Fail($"--delete-existing would delete {plan.Deletable.Count} indices, and there is no terminal to ask. Nothing was changed; add --yes to delete them and restore.");
            return ExitCodes.Refused;
        }

        if (console.IsInteractive && !choices.Yes
            && !await console.Ui.ConfirmAsync($"Restore {plan.Parts.Count} parts{(plan.Deletable.Count > 0 ? $", deleting {plan.Deletable.Count} indices first" : "")}?", false, cancellationToken))
        {
            console.Ui.WriteLine("Nothing was changed.");
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
        console.Ui.MarkupLineInterpolated($"[bold]Plan[/]: {plan.Parts.Count} parts, restored in this order; {Indices(plan.Indices.Count)}, {plan.Existing.Count} of them exist now.");
        var existing = plan.Existing.ToHashSet(StringComparer.Ordinal);
        foreach (var part in plan.Parts)
        {
            console.Ui.MarkupLineInterpolated(
                $"  part {part.Snapshot.PartNumber}/{part.Snapshot.PartCount}  [bold]{part.Snapshot.ToString()}[/]  ({Indices(part.Indices.Count)}, {part.Existing.Count} {(part.Existing.Count == 1 ? "exists" : "exist")} now)");
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

    private static string Indices(int count) => count == 1 ? "1 index" : $"{count} indices";

    private static void Report(ToolConsole console, RestoreStep step)
    {
        var part = step.Part is { } name ? $"part {name.PartNumber}/{name.PartCount} ({name})" : "";
        var line = step.Kind switch
        {
            RestoreStepKind.Deleting => $"Deleting {Indices(step.Indices.Count)} of the backup that exist ...",
            RestoreStepKind.Deleted => $"Deleted {Indices(step.Indices.Count)} ({step.Elapsed.TotalSeconds:0.0} s).",
            RestoreStepKind.Restoring => $"Restoring {part}: {Indices(step.Indices.Count)} ...",
            RestoreStepKind.Restored => $"Restored {part} ({step.Elapsed.TotalSeconds:0.0} s).",
            RestoreStepKind.Skipped => $"Skipped {part}: it holds no index.",
            RestoreStepKind.Verifying => $"Verifying that all {step.Indices.Count} indices exist ...",
            _ => step.Kind.ToString(),
        };
        console.Ui.WriteLine(line);
    }

    /// <summary>The service's configuration, read the way the service reads it, then this command's options on top.</summary>
    private static Result<RestoreSettings> Configure(string? file, IReadOnlyList<string> switches, Dictionary<string, string?> explicitKeys)
    {
        var configuration = new ConfigurationManager();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                return Error.Invalid($"--config {file}: no such file.");
            }

            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine([.. switches]);
        configuration.AddInMemoryCollection(explicitKeys.Where(k => k.Value is not null));
        configuration.AddLegacyKeys();
        if (LegacyKeys.Disagreements(configuration) is [var disagreement, ..])
        {
            return Error.Invalid($"{disagreement}.");
        }

        BackupOptions backup;
        DatabaseOptions database;
        try
        {
            backup = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
            database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException exception)
        {
            return Error.Invalid($"{exception.InnerException?.Message ?? exception.Message} (Backup:Component takes operate, tasklist or webapps; Database:Type elasticsearch or opensearch)");
        }

        if (backup.RepositoryNotConfigured is { } missing)
        {
            return Error.Invalid($"{missing.Message} (or pass --repository).");
        }

        if (backup.IndexPrefixProblem is { } prefixProblem)
        {
            return Error.Invalid($"{prefixProblem} (--index-prefix).");
        }

        if (backup.RepositoryNameProblem is { } repositoryProblem)
        {
            return Error.Invalid($"{repositoryProblem} (--repository).");
        }

        if (UrlCredentials.AreIn(database.Url))
        {
            return Error.Invalid($"Database:Url '{UrlCredentials.Hide(database.Url)}' (--engine-url) carries credentials: pass them as --Database:Username=... --Database:Password=... or in the environment (Database__Password) instead.");
        }

        if (!database.Url.IsAbsoluteUri || database.Url.Scheme is not ("http" or "https"))
        {
            return Error.Invalid($"Database:Url must be an absolute http or https URL, not '{database.Url}'.");
        }

        return new RestoreSettings(backup, database);
    }

    private static ServiceProvider Services(RestoreSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton(Options.Create(settings.Backup));
        services.AddSingleton(Options.Create(settings.Database));
        services.AddSingleton(TimeProvider.System);
        services.AddSnapshotApi(settings.Database.Type);

        services.AddSnapshotRestore();
        services.AddTransient(provider => new RestoreBackup(
            provider.GetRequiredService<ISnapshotRepository>(),
            provider.GetRequiredService<ISnapshotRestore>(),
            provider.GetRequiredService<IOptions<BackupOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services.BuildServiceProvider();
    }

    private sealed record RestoreSettings(BackupOptions Backup, DatabaseOptions Database);

    private sealed record RestoreChoices(bool DryRun, bool DeleteExisting, bool Yes);
}
