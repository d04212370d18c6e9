using System.Buffers;
using Backup.Application;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Api.WebConsole;

/// <summary>What the <c>backup restore</c> tool would do with a backup, and the command lines that do it.</summary>
public static class RestoreCommands
{
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@%+=,");

    public static ConsoleRestore Describe(BackupId id, Result<RestorePlan> plan, BackupOptions backup, DatabaseOptions database)
    {
        var command = $"backup restore {id} --engine-url {Quote(database.Url.ToString())} --engine-type {database.Type.ToString().ToLowerInvariant()} "
            + $"--repository {Quote(backup.RepositoryName ?? "")} --component {backup.Component.Name()}"
            + (backup.EffectiveIndexPrefix == backup.Profile.DefaultIndexPrefix ? "" : $" --index-prefix {Quote(backup.EffectiveIndexPrefix)}");
        if (!plan.IsSuccess)
        {
            return new ConsoleRestore(false, plan.Error.Message, [], [], [], command + " --dry-run", command);
        }

        var ready = plan.Value;
        var asIs = ready.CheckCanRestore(deleteExisting: false);
        var withDeletion = ready.CheckCanRestore(deleteExisting: true);
        var run = ready.Existing.Count > 0 ? command + " --delete-existing" : command;
        return new ConsoleRestore(
            withDeletion.IsSuccess,
            asIs.IsSuccess ? null : asIs.Error.Message,
            ready.Existing,
            ready.Foreign,
            [.. ready.Parts.Select(p => new ConsoleRestorePart(p.Snapshot.ToString(), p.Indices))],
            command + " --dry-run",
            run);
    }

    private static string Quote(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAnyExcept(Plain) ? value : $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
