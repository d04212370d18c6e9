using Backup.Api.Contracts;
using Backup.Api.Operations;
using Backup.Api.Security;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Application.Backups.GetBackupState;
using Backup.Application.Backups.ListBackups;
using Backup.Application.Backups.RestoreBackup;
using Backup.Application.Backups.Scheduling;
using Backup.Application.Observing;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Api.WebConsole;

/// <summary>
/// The read models behind the web console at <c>/actuator/console</c>: a page of the list, one backup with its parts'
/// indices and restore plan, who is looking, and the schedule. Writes go through the API itself
/// (<c>POST</c>/<c>DELETE /actuator/backups</c>), so the console can do nothing a script cannot.
/// </summary>
public static class ConsoleEndpoints
{
    private const int DefaultPageSize = 50;

    private const int MaxPageSize = 200;

    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddSnapshotRestore();
        services.AddTransient<RestoreBackup>();
        return services;
    }

    public static void MapWebConsole(this IEndpointRouteBuilder endpoints)
    {
        ConsoleAssets.Map(endpoints);
        var api = endpoints.MapGroup(ConsoleAssets.Path + "/api").ExcludeFromDescription();
        api.MapGet("session", Session);
        api.MapGet("overview", Overview);
        api.MapGet("backups", ListAsync).RequireRateLimiting(ListingLimits.Policy);
        api.MapGet("backups/{backupId}", OneAsync);
    }

    private static IResult Session(HttpContext context, IOptions<BackupOptions> options)
    {
        var granted = context.Features.Get<GrantedRights>();
        var canWrite = granted is null || granted.Rights == AccessRights.Write;
        return Results.Json(
            new ConsoleSession(
                granted is not null,
                canWrite,
                canWrite ? null : "These credentials may only read backups: creating and deleting need a key or user with Write rights.",
                options.Value.Component.Name(),
                options.Value.RepositoryName),
            ConsoleJsonContext.Default.ConsoleSession);
    }

    private static IResult Overview(IOptions<BackupOptions> options, BackupMetrics metrics, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var settings = options.Value.Schedule;
        var schedule = settings.IsEnabled && BackupSchedule.From(settings) is { IsSuccess: true } parsed ? parsed.Value : null;
        var next = schedule?.NextAfter(now);
        var afterNext = next is { } tick ? schedule!.NextAfter(tick) : null;
        return Results.Json(
            new ConsoleOverview(
                schedule is not null,
                schedule?.Text,
                schedule?.TimeZone.Id,
                next,
                afterNext,
                metrics.LastCompletedAt,
                now,
                BackupFreshness.Warning(now, metrics.LastCompletedAt, next, afterNext)),
            ConsoleJsonContext.Default.ConsoleOverview);
    }

    private static async Task ListAsync(
        HttpContext context, ISender sender, string? state, string? pattern, int? offset, int? limit, CancellationToken cancellationToken)
    {
        BackupState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!BackupStateNames.TryParse(state, out var parsed))
            {
                await FailAsync(context, Error.Invalid(
                    $"Unknown state '{state}': use one of {string.Join(", ", Enum.GetValues<BackupState>().Select(s => s.Name()))}."));
                return;
            }

            wanted = parsed;
        }

        var from = Math.Max(offset ?? 0, 0);
        var size = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var listed = await sender.Send(new ListBackupPageQuery(pattern, wanted, from, size), cancellationToken);
        if (!listed.IsSuccess)
        {
            await FailAsync(context, listed.Error);
            return;
        }

        var found = listed.Value;
        var page = new ConsoleBackupPage(
            found.Matched,
            from,
            size,
            found.States.ToDictionary(s => s.Key.Name(), s => s.Value),
            found.AnyInProgress,
            [.. found.Backups.Select(ConsoleBackup.From)]);
        await context.Response.WriteAsJsonAsync(page, ConsoleJsonContext.Default.ConsoleBackupPage, cancellationToken: cancellationToken);
    }

    private static async Task OneAsync(
        HttpContext context,
        string backupId,
        ISender sender,
        ISnapshotRestore engine,
        RestoreBackup restore,
        IOptions<BackupOptions> backupOptions,
        IOptions<DatabaseOptions> databaseOptions,
        CancellationToken cancellationToken)
    {
        var id = BackupId.Parse(backupId, backupOptions.Value.Profile);
        if (!id.IsSuccess)
        {
            await FailAsync(context, id.Error);
            return;
        }

        var found = await sender.Send(new GetBackupStateQuery(id.Value), cancellationToken);
        if (!found.IsSuccess)
        {
            await FailAsync(context, found.Error);
            return;
        }

        // Like the API's requests, these reads end within Backup:RequestTimeout in all, however many engine calls they make.
        var timeout = backupOptions.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var backup = found.Value;
        Result<IReadOnlyDictionary<SnapshotName, IReadOnlyList<string>>> indices;
        Result<RestorePlan> plan;
        try
        {
            indices = await engine.GetSnapshotIndicesAsync(SnapshotSelection.Backup(backup.Component, backup.Id), deadline.Token);
            plan = indices.IsSuccess ? await restore.PlanAsync(backup.Id, deadline.Token) : indices.Error;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(context, Error.EngineUnreachable(
                $"The engine did not answer within {timeout.TotalSeconds:0.#} s (Backup:RequestTimeout). Try again when it is back."));
            return;
        }

        if (!indices.IsSuccess)
        {
            await FailAsync(context, indices.Error);
            return;
        }

        if (!plan.IsSuccess && plan.Error.Kind != ErrorKind.Invalid)
        {
            await FailAsync(context, plan.Error);
            return;
        }

        var parts = backup.Parts.Select(p => new ConsolePart(
            p.Name.ToString(),
            p.Name.PartNumber,
            p.EngineState,
            p.StartTime,
            p.EndTime,
            p is { StartTime: { } start, EndTime: { } end } ? (long)(end - start).TotalMilliseconds : null,
            indices.Value.TryGetValue(p.Name, out var held) ? held : [],
            p.Failures ?? [])).ToList();
        var detail = new ConsoleBackupDetail(
            ConsoleBackup.From(backup),
            parts,
            RestoreCommands.Describe(backup.Id, plan, backupOptions.Value, databaseOptions.Value));
        await context.Response.WriteAsJsonAsync(detail, ConsoleJsonContext.Default.ConsoleBackupDetail, cancellationToken: cancellationToken);
    }

    private static Task FailAsync(HttpContext context, Error error) => Problems.WriteAsync(context, Problems.StatusOf(error.Kind), error.Message);
}
