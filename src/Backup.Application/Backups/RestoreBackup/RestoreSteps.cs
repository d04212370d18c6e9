using Backup.Application.Abstractions;
using Backup.Domain;

namespace Backup.Application.Backups.RestoreBackup;

/// <summary>The steps every restore takes alike, a component's or a platform's, each reported as it starts and ends.</summary>
internal static class RestoreSteps
{
    /// <summary>Deletes exactly <paramref name="doomed"/>, when there is anything to delete.</summary>
    public static async Task<Result> DeleteAsync(
        ISnapshotRestore engine, TimeProvider time, IReadOnlyList<string> doomed, Action<RestoreStepKind, TimeSpan> report, CancellationToken cancellationToken)
    {
        if (doomed.Count == 0)
        {
            return Result.Success();
        }

        report(RestoreStepKind.Deleting, TimeSpan.Zero);
        var step = time.GetTimestamp();
        var deleted = await engine.DeleteIndicesAsync(doomed, cancellationToken);
        if (deleted.IsSuccess)
        {
            report(RestoreStepKind.Deleted, time.GetElapsedTime(step));
        }

        return deleted;
    }

    /// <summary>Restores one snapshot's indices; a snapshot that holds none is skipped.</summary>
    public static async Task<Result> RestoreAsync(
        ISnapshotRestore engine, TimeProvider time, string snapshot, IReadOnlyList<string> indices, Action<RestoreStepKind, TimeSpan> report, CancellationToken cancellationToken)
    {
        if (indices.Count == 0)
        {
            report(RestoreStepKind.Skipped, TimeSpan.Zero);
            return Result.Success();
        }

        report(RestoreStepKind.Restoring, TimeSpan.Zero);
        var step = time.GetTimestamp();
        var restored = await engine.RestoreSnapshotAsync(snapshot, indices, cancellationToken);
        if (restored.IsSuccess)
        {
            report(RestoreStepKind.Restored, time.GetElapsedTime(step));
        }

        return restored;
    }
}
