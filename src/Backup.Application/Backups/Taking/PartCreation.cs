using Backup.Application.Abstractions;
using Backup.Domain;

namespace Backup.Application.Backups.Taking;

/// <summary>The one way every part of a backup is created, the first as much as the later ones.</summary>
internal static class PartCreation
{
    /// <summary>
    /// A create whose answer was lost (timeout, dropped connection) may still have been carried out: the snapshot
    /// itself says whether the part has started, so that a started part is never taken for a missing one.
    /// </summary>
    /// <returns>The engine's answer, or, after a lost answer, Accepted when the part exists after all.</returns>
    public static async Task<Result<SnapshotCreation>> CreatePartAsync(
        this ISnapshotRepository repository, SnapshotRequest request, CancellationToken cancellationToken)
    {
        var created = await repository.CreateSnapshotAsync(request, cancellationToken);
        if (created.IsSuccess || created.Error.Kind != ErrorKind.EngineUnreachable)
        {
            return created;
        }

        // The caller's token may be what ended the create; the question must still be asked.
        var found = await repository.GetSnapshotAsync(request.Name, CancellationToken.None);
        return found is { IsSuccess: true, Value: not null } ? SnapshotCreation.Accepted : created;
    }
}
