using Backup.Application.Abstractions;
using Backup.Domain;

namespace Backup.Application.Backups.Taking;

/// <summary>The one way a backup's parts are planned: over the component's indices as the engine has them now.</summary>
internal static class IndexPlanning
{
    /// <summary>
    /// Two failures a caller must tell apart: the indices could not be read (the outer error: the engine may come
    /// back), or they were read and no plan can be made of them (the inner error, e.g. a required index is missing).
    /// </summary>
    /// <param name="version">The Camunda version the parts are named with.</param>
    public static async Task<Result<Result<BackupPlan>>> PlanFromIndicesAsync(
        this ISnapshotRepository repository, BackupId id, BackupOptions settings, string version, CancellationToken cancellationToken)
    {
        var indices = await repository.GetIndicesAsync(settings.IndexExpression, cancellationToken);
        if (!indices.IsSuccess)
        {
            return indices.Error;
        }

        return BackupPlan.Create(id, settings.Profile, settings.EffectiveIndexPrefix, version, indices.Value);
    }
}
