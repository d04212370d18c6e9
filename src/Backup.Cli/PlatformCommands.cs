using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Backup.Domain;
using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// <c>backup platform create|status|list|delete</c>: whole-platform backups through the service's
/// <c>/actuator/platform/backups</c>, with each component's progress. <c>--json</c> prints the service's own JSON.
/// </summary>
internal static class PlatformCommands
{
    private const string Root = "actuator/platform/backups";

    public static Command Build(ToolConsole console)
    {
        var platform = new Command("platform", "Back up the whole Camunda platform (Zeebe, Operate, Tasklist or the 8.8 unified app, Optimize) under one id");
        platform.Subcommands.Add(Create(console));
        platform.Subcommands.Add(Status(console));
        platform.Subcommands.Add(List(console));
        platform.Subcommands.Add(Delete(console));
        platform.Subcommands.Add(PlatformRestoreCommand.Build(console));
        return platform;
    }

    private static Command Create(ToolConsole console)
    {
        var id = new Argument<string?>("id") { Description = "The id, above every earlier platform backup's; default: now, as unix seconds", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("create", "Start a platform backup; with --wait, follow it to its end")
        {
            id, BackupTool.Wait, BackupTool.Timeout, BackupTool.Interval, BackupTool.Json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(id);
            BackupId? backupId = null;
            if (text is not null)
            {
                var parsed = BackupId.Parse(text);
                if (!parsed.IsSuccess)
                {
                    console.Fail(parsed.Error.Message);
                    return ExitCodes.Usage;
                }

                backupId = parsed.Value;
            }

            using var client = BackupTool.ServiceClientOf(console, parse);
            if (client is null)
            {
                return ExitCodes.Usage;
            }

            var body = new JsonObject();
            if (backupId is { } given)
            {
                body["backupId"] = given.Value;
            }

            var started = await client.SendAsync(
                () => client.Http.PostAsJsonAsync(Root, body, PlatformToolJsonContext.Default.JsonObject, cancellationToken),
                PlatformToolJsonContext.Default.JsonNode, cancellationToken);
            if (!started.IsSuccess)
            {
                return BackupTool.Failed(console, started.Error);
            }

            var startedId = (long)started.Value["backupId"]!;
            var json = parse.GetValue(BackupTool.Json);
            if (!parse.GetValue(BackupTool.Wait))
            {
                if (json)
                {
                    console.Out.WriteLine(started.Value.ToJsonString(Indented));
                }
                else
                {
                    console.Ui.MarkupLineInterpolated($"Platform backup [bold]{startedId}[/] started ({started.Value["version"]}): {string.Join(" → ", started.Value["steps"]!.AsArray())}");
                    console.Ui.MarkupLineInterpolated($"Follow it with: backup platform status {startedId} --wait");
                }

                return ExitCodes.Ok;
            }

            return await FollowAsync(console, client, startedId, BackupTool.WaitSettings(parse), json, cancellationToken);
        });
        return command;
    }

    private static Command Status(ToolConsole console)
    {
        var id = new Argument<string>("id") { Description = "The platform backup's id" };
        var command = new Command("status", "Show a platform backup's state and each component's; with --wait, follow it to its end")
        {
            id, BackupTool.Wait, BackupTool.Timeout, BackupTool.Interval, BackupTool.Json,
        };
        command.SetAction((parse, cancellationToken) => BackupTool.WithServiceAsync(console, parse, parse.GetValue(id), async (client, backupId) =>
        {
            if (parse.GetValue(BackupTool.Wait))
            {
                return await FollowAsync(console, client, backupId.Value, BackupTool.WaitSettings(parse), parse.GetValue(BackupTool.Json), cancellationToken);
            }

            var backup = await GetAsync(client, backupId.Value, cancellationToken);
            if (!backup.IsSuccess)
            {
                return BackupTool.Failed(console, backup.Error);
            }

            Show(console, backup.Value, parse.GetValue(BackupTool.Json));
            return ExitCode(backup.Value);
        }));
        return command;
    }

    private static Command List(ToolConsole console)
    {
        var command = new Command("list", "List the platform backups, highest id first") { BackupTool.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = BackupTool.ServiceClientOf(console, parse);
            if (client is null)
            {
                return ExitCodes.Usage;
            }

            var backups = await client.SendAsync(() => client.Http.GetAsync(Root, cancellationToken), PlatformToolJsonContext.Default.JsonNode, cancellationToken);
            if (!backups.IsSuccess)
            {
                return BackupTool.Failed(console, backups.Error);
            }

            if (parse.GetValue(BackupTool.Json))
            {
                console.Out.WriteLine(backups.Value.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "State", "Version", "Components", "Started");
            foreach (var backup in backups.Value.AsArray())
            {
                table.AddRow(
                    Markup.Escape($"{backup!["backupId"]}"),
                    Markup.Escape($"{backup["state"]}"),
                    Markup.Escape($"{backup["version"]}"),
                    Markup.Escape(string.Join(", ", backup["components"]!.AsArray().Select(c => $"{c!["component"]} {c["state"]}"))),
                    Markup.Escape($"{backup["startedAt"]}"));
            }

            console.Ui.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(ToolConsole console)
    {
        var id = new Argument<string>("id") { Description = "The platform backup's id" };
        var command = new Command("delete", "Delete a platform backup whole: every component's backup of that id and the records snapshot") { id };
        command.SetAction((parse, cancellationToken) => BackupTool.WithServiceAsync(console, parse, parse.GetValue(id), async (client, backupId) =>
        {
            var deleted = await client.SendAsync<JsonNode>(() => client.Http.DeleteAsync($"{Root}/{backupId}", cancellationToken), null, cancellationToken);
            if (!deleted.IsSuccess)
            {
                return BackupTool.Failed(console, deleted.Error);
            }

            console.Ui.MarkupLineInterpolated($"Platform backup [bold]{backupId}[/] deleted: every component's backup of that id and the records snapshot.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static Task<Result<JsonNode>> GetAsync(ServiceClient client, long id, CancellationToken cancellationToken) =>
        client.SendAsync(() => client.Http.GetAsync($"{Root}/{id}", cancellationToken), PlatformToolJsonContext.Default.JsonNode, cancellationToken);

    /// <summary>Looks every interval until the backup is no longer IN_PROGRESS, printing each component's progress as it changes.</summary>
    private static async Task<int> FollowAsync(ToolConsole console, ServiceClient client, long id, WaitSettings wait, bool json, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            var backup = await GetAsync(client, id, cancellationToken);
            if (backup.IsSuccess)
            {
                var progress = $"{backup.Value["state"]} at '{backup.Value["step"]}': "
                    + string.Join(", ", backup.Value["components"]!.AsArray().Select(c => $"{c!["component"]} {c["state"]}"));
                if (progress != last)
                {
                    // With --json, stdout carries the service's JSON only.
                    (json ? console.Error : console.Out).WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {progress}");
                    last = progress;
                }

                if ((string?)backup.Value["state"] != "IN_PROGRESS")
                {
                    Show(console, backup.Value, json);
                    return ExitCode(backup.Value);
                }
            }
            else if (backup.Error.Kind != ErrorKind.EngineUnreachable)
            {
                return BackupTool.Failed(console, backup.Error);
            }

            if (clock.Elapsed >= wait.Timeout)
            {
                console.Fail($"Platform backup {id} is still IN_PROGRESS after {wait.Timeout.TotalSeconds:0} s.");
                return ExitCodes.InProgress;
            }

            await Task.Delay(wait.Interval, cancellationToken);
        }
    }

    private static void Show(ToolConsole console, JsonNode backup, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(backup.ToJsonString(Indented));
            return;
        }

        console.Ui.MarkupLineInterpolated($"Platform backup [bold]{backup["backupId"]}[/] ({backup["version"]}): [bold]{backup["state"]}[/], step '{backup["step"]}'");
        if (backup["failureReason"] is { } reason)
        {
            console.Ui.MarkupLineInterpolated($"  {reason}");
        }

        var table = new Table().AddColumns("Component", "State", "Parts", "Failure");
        foreach (var component in backup["components"]!.AsArray())
        {
            var parts = component!["details"]!.AsArray();
            table.AddRow(
                Markup.Escape($"{component["component"]}"),
                Markup.Escape($"{component["state"]}"),
                Markup.Escape($"{parts.Count(p => (string?)p!["state"] is "COMPLETED" or "SUCCESS")}/{parts.Count}"),
                Markup.Escape($"{component["failureReason"]}"));
        }

        table.AddRow("records snapshot", Markup.Escape($"{backup["recordsSnapshot"]!["state"]}"), "", "");
        console.Ui.Write(table);
    }

    private static int ExitCode(JsonNode backup) => (string?)backup["state"] switch
    {
        "COMPLETED" => ExitCodes.Ok,
        "IN_PROGRESS" => ExitCodes.InProgress,
        "INCOMPLETE" => ExitCodes.Incomplete,
        _ => ExitCodes.Failed,
    };
}

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class PlatformToolJsonContext : JsonSerializerContext;
