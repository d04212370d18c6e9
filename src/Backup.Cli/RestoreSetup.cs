using System.CommandLine;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Application.Backups.RestoreBackup;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Infrastructure.SnapshotApi.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// What <c>backup restore</c> and <c>backup platform restore</c> share: their options, the service's configuration read
/// the way the service reads it, the engine's adapters, and the operator's go-ahead.
/// </summary>
internal sealed class RestoreSetup
{
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show the plan and whether it could go ahead; change nothing" };

    public Option<bool> DeleteExisting { get; } = new("--delete-existing")
    {
        Description = "Delete the existing indices that the backup holds under the component's prefix, then restore",
    };

    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Do not ask before restoring; without a terminal, needed for --delete-existing to delete" };

    public Option<string?> Config { get; } = new("--config") { Description = "An appsettings.json of the service to read the configuration from" };

    public Option<string?> EngineUrl { get; } = new("--engine-url") { Description = "The engine (Database:Url)" };

    public Option<string?> EngineType { get; } = new("--engine-type") { Description = "elasticsearch or opensearch (Database:Type)" };

    public Option<string?> Repository { get; } = new("--repository") { Description = "The engine's snapshot repository (Backup:RepositoryName)" };

    /// <summary>
    /// Adds the shared options to <paramref name="command"/>, and its action: the id and the configuration read (exit code
    /// 2 when either is wrong), the engine's adapters built, then <paramref name="run"/>.
    /// </summary>
    /// <param name="keys">The command's own options, as configuration keys.</param>
    public void Configure(
        Command command,
        ToolConsole console,
        Argument<string> id,
        Func<ParseResult, Dictionary<string, string?>> keys,
        Func<RestoreSettings, IServiceProvider, BackupId, RestoreChoices, CancellationToken, Task<int>> run)
    {
        AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var backupId = BackupId.Parse(parse.GetValue(id));
            if (!backupId.IsSuccess)
            {
                console.Fail(backupId.Error.Message);
                return ExitCodes.Usage;
            }

            var settings = Settings(console, parse, keys(parse));
            if (settings is null)
            {
                return ExitCodes.Usage;
            }

            await using var services = Services(settings);
            return await run(settings, services, backupId.Value, Choices(parse), cancellationToken);
        });
    }

    /// <summary>One line of a restore's progress: <paramref name="part"/> names the snapshot the step is about.</summary>
    public static string Describe(RestoreStepKind kind, string part, int indices, TimeSpan elapsed) => kind switch
    {
        RestoreStepKind.Deleting => $"Deleting {Indices(indices)} of the backup that exist ...",
        RestoreStepKind.Deleted => $"Deleted {Indices(indices)} ({elapsed.TotalSeconds:0.0} s).",
        RestoreStepKind.Restoring => $"Restoring {part}: {Indices(indices)} ...",
        RestoreStepKind.Restored => $"Restored {part} ({elapsed.TotalSeconds:0.0} s).",
        RestoreStepKind.Skipped => $"Skipped {part}: it holds no index.",
        RestoreStepKind.Verifying => $"Verifying that all {indices} indices exist ...",
        _ => kind.ToString(),
    };

    public static string Indices(int count) => count == 1 ? "1 index" : $"{count} indices";

    private void AddTo(Command command)
    {
        foreach (var option in new Option[] { DryRun, DeleteExisting, Yes, Config, EngineUrl, EngineType, Repository })
        {
            command.Options.Add(option);
        }

        command.TreatUnmatchedTokensAsErrors = false;
    }

    private RestoreChoices Choices(ParseResult parse) => new(parse.GetValue(DryRun), parse.GetValue(DeleteExisting), parse.GetValue(Yes));

    /// <summary>The settings from the command line; null once it has said what is wrong (exit code 2).</summary>
    private RestoreSettings? Settings(ToolConsole console, ParseResult parse, Dictionary<string, string?> explicitKeys)
    {
        if (parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) || !t.Contains('=', StringComparison.Ordinal)) is { } stray)
        {
            console.Fail($"unknown argument '{stray}'. Configuration switches read --Key=value (e.g. --Backup:RepositoryName=camunda_backup, or an original key such as --camunda.operate.backup.repositoryName=camunda_backup).");
            return null;
        }

        explicitKeys["Database:Url"] = parse.GetValue(EngineUrl);
        explicitKeys["Database:Type"] = parse.GetValue(EngineType);
        explicitKeys["Backup:RepositoryName"] = parse.GetValue(Repository);
        var settings = Configure(parse.GetValue(Config), parse.UnmatchedTokens, explicitKeys);
        if (!settings.IsSuccess)
        {
            console.Fail(settings.Error.Message);
            return null;
        }

        return settings.Value;
    }

    /// <summary>
    /// Whether the operator lets the restore go ahead: without a terminal, deleting needs --yes; in one, the question
    /// is asked unless --yes was given.
    /// </summary>
    public static async Task<bool> ConfirmAsync(ToolConsole console, RestoreChoices choices, int parts, int deletable, CancellationToken cancellationToken)
    {
        if (!console.IsInteractive && !choices.Yes && choices.DeleteExisting && deletable > 0)
        {
            console.Fail($"--delete-existing would delete {deletable} indices, and there is no terminal to ask. Nothing was changed; add --yes to delete them and restore.");
            return false;
        }

        if (console.IsInteractive && !choices.Yes
            && !await console.Ui.ConfirmAsync($"Restore {parts} parts{(deletable > 0 ? $", deleting {deletable} indices first" : "")}?", false, cancellationToken))
        {
            console.Ui.WriteLine("Nothing was changed.");
            return false;
        }

        return true;
    }

    /// <summary>The service's configuration, read the way the service reads it, then the command's options on top.</summary>
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
        PlatformOptions platform;
        try
        {
            backup = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
            database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
            platform = configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();
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

        if (new PlatformOptionsValidator().Validate(null, platform) is { Failed: true } platformProblem)
        {
            return Error.Invalid(platformProblem.FailureMessage);
        }

        if (UrlCredentials.AreIn(database.Url))
        {
            return Error.Invalid($"Database:Url '{UrlCredentials.Hide(database.Url)}' (--engine-url) carries credentials: pass them as --Database:Username=... --Database:Password=... or in the environment (Database__Password) instead.");
        }

        if (!database.Url.IsAbsoluteUri || database.Url.Scheme is not ("http" or "https"))
        {
            return Error.Invalid($"Database:Url must be an absolute http or https URL, not '{database.Url}'.");
        }

        return new RestoreSettings(backup, database, platform);
    }

    private static ServiceProvider Services(RestoreSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton(Options.Create(settings.Backup));
        services.AddSingleton(Options.Create(settings.Database));
        services.AddSingleton(Options.Create(settings.Platform));
        services.AddSingleton(TimeProvider.System);
        services.AddSnapshotApi(settings.Database.Type);
        services.AddSnapshotRestore();
        services.AddPlatformRecords();
        services.AddTransient(provider => new RestoreBackup(
            provider.GetRequiredService<ISnapshotRepository>(),
            provider.GetRequiredService<ISnapshotRestore>(),
            provider.GetRequiredService<IOptions<BackupOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddTransient(provider => ActivatorUtilities.CreateInstance<RestorePlatformBackup>(provider));
        return services.BuildServiceProvider();
    }
}

internal sealed record RestoreSettings(BackupOptions Backup, DatabaseOptions Database, PlatformOptions Platform);

internal sealed record RestoreChoices(bool DryRun, bool DeleteExisting, bool Yes);
