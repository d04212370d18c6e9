using System.Diagnostics;
using Backup.Domain;
using Spectre.Console;

namespace Backup.Cli;

internal sealed record WaitSettings(TimeSpan Timeout, TimeSpan Interval);

/// <summary>
/// Follows a backup until it ends, whichever way it ends: COMPLETED, FAILED, INCOMPLETE and INCOMPATIBLE all stop the
/// wait (a loop on COMPLETED alone never ends on a failed backup). A service that stops answering for a while is
/// waited for, up to the timeout.
/// </summary>
internal static class BackupWatch
{
    public static async Task<int> FollowAsync(
        ToolConsole console, ServiceClient client, BackupId id, WaitSettings settings, bool json, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var first = await client.GetAsync(id, cancellationToken);
        if (!first.IsSuccess)
        {
            return BackupTool.Failed(console, first.Error);
        }

        var (last, error) = console.IsInteractive && !json
            ? await FollowLiveAsync(console, client, id, first.Value, settings, clock, cancellationToken)
            : await FollowByLinesAsync(console, client, id, first.Value, settings, clock, json, cancellationToken);

        Show(console, last, json);
        if (last.ParsedState.IsTerminal())
        {
            return ExitCodes.Of(last.ParsedState);
        }

        if (error is not null)
        {
            console.Fail($"stopped following backup {id}: {error.Message}");
            return ExitCodes.Of(error);
        }

        console.Fail($"backup {id} is still IN_PROGRESS after {settings.Timeout.TotalSeconds:0.#} s (--timeout). It goes on; follow it with: backup status {id} --wait");
        return ExitCodes.InProgress;
    }

    public static void Show(ToolConsole console, BackupView backup, bool json)
    {
        if (json)
        {
            Views.Json(console, backup, ToolJsonContext.Default.BackupView);
        }
        else
        {
            console.Ui.Write(Views.Backup(backup));
        }
    }

    private static async Task<(BackupView Last, Error? Error)> FollowLiveAsync(
        ToolConsole console, ServiceClient client, BackupId id, BackupView first, WaitSettings settings, Stopwatch clock, CancellationToken cancellationToken)
    {
        (BackupView, Error?) result = (first, null);
        await console.Ui.Live(new Markup(Markup.Escape(Views.Progress(first, clock.Elapsed))))
            .StartAsync(async live =>
            {
                result = await PollAsync(client, id, first, settings, clock,
                    (backup, problem) =>
                    {
                        live.UpdateTarget(new Markup(Markup.Escape(Views.Progress(backup, clock.Elapsed) + (problem is null ? "" : $" (retrying: {problem.Message})"))));
                        live.Refresh();
                    },
                    cancellationToken);
            });
        return result;
    }

    private static Task<(BackupView Last, Error? Error)> FollowByLinesAsync(
        ToolConsole console, ServiceClient client, BackupId id, BackupView first, WaitSettings settings, Stopwatch clock, bool json, CancellationToken cancellationToken)
    {
        // Without a terminal, a line whenever something changed: readable in a CI log; stderr when stdout is JSON.
        var said = "";
        void Say(BackupView backup, Error? problem)
        {
            var line = problem is null ? $"{backup.State} {backup.PartsDone} {backup.PartsRunning}" : problem.Message;
            if (line == said)
            {
                return;
            }

            said = line;
            var text = Views.Progress(backup, clock.Elapsed) + (problem is null ? "" : $" (retrying: {problem.Message})");
            if (json)
            {
                console.Error.WriteLine(text);
            }
            else
            {
                console.Ui.WriteLine(text);
            }
        }

        Say(first, null);
        return PollAsync(client, id, first, settings, clock, Say, cancellationToken);
    }

    private static async Task<(BackupView Last, Error? Error)> PollAsync(
        ServiceClient client, BackupId id, BackupView first, WaitSettings settings, Stopwatch clock,
        Action<BackupView, Error?> report, CancellationToken cancellationToken)
    {
        var last = first;
        Error? problem = null;
        while (!last.ParsedState.IsTerminal())
        {
            var left = settings.Timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(left < settings.Interval ? left : settings.Interval, cancellationToken);
            var read = await client.GetAsync(id, cancellationToken);
            if (read.IsSuccess)
            {
                last = read.Value;
                problem = null;
            }
            else if (read.Error.Kind == ErrorKind.EngineUnreachable)
            {
                problem = read.Error;
            }
            else
            {
                return (last, read.Error);
            }

            report(last, problem);
        }

        return (last, problem);
    }
}
