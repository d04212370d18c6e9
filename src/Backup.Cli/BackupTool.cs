using System.CommandLine;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// The <c>backup</c> tool: create, follow, list and delete backups through the service's management API, and restore
/// one straight from the engine. <see cref="RunAsync"/> is the whole program, so that tests run it in-process.
/// </summary>
public static class BackupTool
{
    private static readonly Option<string> Url = UrlOption();

    // No DefaultValueFactory: --help would print the key it returned.
    private static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "An API key of the service's Management:Auth, sent as X-API-Key. Default: $BACKUP_API_KEY",
        Recursive = true,
    };

    internal static readonly Option<bool> Json = new("--json") { Description = "Print the service's JSON instead of tables, for scripts" };

    internal static readonly Option<bool> Wait = new("--wait") { Description = "Follow the backup until it is COMPLETED, FAILED, INCOMPLETE or INCOMPATIBLE" };

    internal static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "With --wait: give up after this many seconds (exit code 6)",
        DefaultValueFactory = _ => 3600,
    };

    internal static readonly Option<double> Interval = IntervalOption();

    private static readonly Option<string?> Pattern = new("--pattern") { Description = "Only backups whose id is this, or starts with these digits followed by * (e.g. 2026*)" };

    /// <param name="handleTermination">Whether Ctrl+C / SIGTERM cancel the command (the real program; not tests).</param>
    public static async Task<int> RunAsync(string[] args, ToolConsole console, bool handleTermination = false, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.Fail(error.Message);
            }

            await console.Error.WriteLineAsync("Run 'backup --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (!handleTermination)
        {
            invocation.ProcessTerminationTimeout = null;
        }

        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled.");
            return ExitCodes.Unexpected;
        }
    }

    private static Option<double> IntervalOption()
    {
        var interval = new Option<double>("--interval")
        {
            Description = "With --wait: seconds between two looks at the backup (0.05 to 60)",
            DefaultValueFactory = _ => 2,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var seconds && seconds is not (>= 0.05 and <= 60))
            {
                result.AddError($"--interval takes seconds from 0.05 to 60, not {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
        return interval;
    }

    private static RootCommand Build(ToolConsole console)
    {
        var root = new RootCommand(
            "Create, follow, list, delete and restore Camunda Operate/Tasklist backups.\n\n" + ExitCodes.Help)
        {
            Url,
            ApiKey,
        };

        root.Subcommands.Add(Create(console));
        root.Subcommands.Add(Status(console));
        root.Subcommands.Add(List(console));
        root.Subcommands.Add(Delete(console));
        root.Subcommands.Add(RestoreCommand.Build(console));
        root.Subcommands.Add(PlatformCommands.Build(console));
        return root;
    }

    private static Option<string> UrlOption()
    {
        var option = new Option<string>("--url")
        {
            Description = "The backup service (its management port). Default: $BACKUP_URL, else http://localhost:9600",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BACKUP_URL") is { Length: > 0 } url ? url : "http://localhost:9600",
            Recursive = true,
        };
        option.Validators.Add(url =>
        {
            if (Uri.TryCreate(url.GetValueOrDefault<string>(), UriKind.RelativeOrAbsolute, out var uri) && UrlCredentials.AreIn(uri))
            {
                url.AddError($"--url {UrlCredentials.Hide(uri)} carries credentials: pass an API key with --api-key or BACKUP_API_KEY instead.");
            }
        });
        return option;
    }

    private static Argument<string> BackupIdArgument() => new("id") { Description = "The backup id: a non-negative integer (e.g. a unix timestamp)" };

    private static Command Create(ToolConsole console)
    {
        var id = BackupIdArgument();
        var command = new Command("create", "Start a backup; with --wait, follow it to its end") { id, Wait, Timeout, Interval, Json };
        command.SetAction((parse, cancellationToken) => WithServiceAsync(console, parse, parse.GetValue(id), async (client, backupId) =>
        {
            var created = await client.CreateAsync(backupId, cancellationToken);
            if (!created.IsSuccess)
            {
                return Failed(console, created.Error);
            }

            if (!parse.GetValue(Wait))
            {
                if (parse.GetValue(Json))
                {
                    Views.Json(console, created.Value, ToolJsonContext.Default.CreateView);
                }
                else
                {
                    console.Ui.MarkupLineInterpolated($"Backup [bold]{backupId}[/] started: {created.Value.ScheduledSnapshots.Count} parts scheduled.");
                    foreach (var snapshot in created.Value.ScheduledSnapshots)
                    {
                        console.Ui.WriteLine($"  {snapshot}");
                    }

                    console.Ui.MarkupLineInterpolated($"Follow it with: backup status {backupId} --wait");
                }

                return ExitCodes.Ok;
            }

            if (!parse.GetValue(Json))
            {
                console.Ui.MarkupLineInterpolated($"Backup [bold]{backupId}[/] started: {created.Value.ScheduledSnapshots.Count} parts scheduled.");
            }

            return await BackupWatch.FollowAsync(console, client, backupId, WaitSettings(parse), parse.GetValue(Json), cancellationToken);
        }));
        return command;
    }

    private static Command Status(ToolConsole console)
    {
        var id = BackupIdArgument();
        var command = new Command("status", "Show a backup's state and its parts; with --wait, follow it to its end") { id, Wait, Timeout, Interval, Json };
        command.SetAction((parse, cancellationToken) => WithServiceAsync(console, parse, parse.GetValue(id), async (client, backupId) =>
        {
            if (parse.GetValue(Wait))
            {
                return await BackupWatch.FollowAsync(console, client, backupId, WaitSettings(parse), parse.GetValue(Json), cancellationToken);
            }

            var backup = await client.GetAsync(backupId, cancellationToken);
            if (!backup.IsSuccess)
            {
                return Failed(console, backup.Error);
            }

            BackupWatch.Show(console, backup.Value, parse.GetValue(Json));
            return ExitCodes.Of(backup.Value.ParsedState);
        }));
        return command;
    }

    private static Command List(ToolConsole console)
    {
        var command = new Command("list", "List the backups, newest first") { Pattern, Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ServiceClientOf(console, parse);
            if (client is null)
            {
                return ExitCodes.Usage;
            }

            var backups = await client.ListAsync(parse.GetValue(Pattern), cancellationToken);
            if (!backups.IsSuccess)
            {
                return Failed(console, backups.Error);
            }

            if (parse.GetValue(Json))
            {
                Views.Json(console, backups.Value, ToolJsonContext.Default.IReadOnlyListBackupView);
            }
            else if (backups.Value.Count == 0)
            {
                console.Ui.WriteLine("No backups.");
            }
            else
            {
                console.Ui.Write(Views.List(backups.Value));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(ToolConsole console)
    {
        var id = BackupIdArgument();
        var command = new Command("delete", "Delete every part of a backup") { id };
        command.SetAction((parse, cancellationToken) => WithServiceAsync(console, parse, parse.GetValue(id), async (client, backupId) =>
        {
            var deleted = await client.DeleteAsync(backupId, cancellationToken);
            if (!deleted.IsSuccess)
            {
                return Failed(console, deleted.Error);
            }

            console.Ui.MarkupLineInterpolated($"Backup [bold]{backupId}[/] deleted: the engine is removing its snapshots.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static async Task<int> WithServiceAsync(
        ToolConsole console, ParseResult parse, string? idText, Func<ServiceClient, BackupId, Task<int>> run)
    {
        var id = BackupId.Parse(idText);
        if (!id.IsSuccess)
        {
            console.Fail(id.Error.Message);
            return ExitCodes.Usage;
        }

        using var client = ServiceClientOf(console, parse);
        return client is null ? ExitCodes.Usage : await run(client, id.Value);
    }

    /// <summary>The service's client; null once it has said why --url (or $BACKUP_URL) cannot be used.</summary>
    internal static ServiceClient? ServiceClientOf(ToolConsole console, ParseResult parse)
    {
        var url = parse.GetValue(Url)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
        {
            var shown = Uri.TryCreate(url, UriKind.Absolute, out var other) ? UrlCredentials.Hide(other) : url;
            console.Fail($"--url (or $BACKUP_URL) must be an http or https URL of the service's management port, such as http://localhost:9600, not '{shown}'.");
            return null;
        }

        if (UrlCredentials.AreIn(service))
        {
            console.Fail($"--url (or $BACKUP_URL) {UrlCredentials.Hide(service)} carries credentials: pass an API key with --api-key or BACKUP_API_KEY instead.");
            return null;
        }

        return ServiceClient.Create(service, parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("BACKUP_API_KEY"));
    }

    internal static WaitSettings WaitSettings(ParseResult parse) => new(
        TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(Timeout))),
        TimeSpan.FromSeconds(parse.GetValue(Interval)));

    internal static int Failed(ToolConsole console, Error error)
    {
        console.Fail(error.Message);
        return ExitCodes.Of(error);
    }
}
