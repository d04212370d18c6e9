using Backup.Domain;
using Backup.Domain.Platform;

namespace Backup.Application.Abstractions;

/// <summary>
/// The management APIs of a Camunda deployment's components, as the platform backup needs them. Adapters translate
/// each component's answers (Optimize's 202/409, Zeebe's per-partition states, the exporting API's status in the body)
/// into these results: a refusal is <see cref="ErrorKind.Invalid"/> with the component's own message, a component that
/// cannot be reached <see cref="ErrorKind.EngineUnreachable"/>, any other error <see cref="ErrorKind.EngineFailure"/>.
/// </summary>
public interface IComponentBackups
{
    Task<Result> StartBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken);

    /// <summary>The component's own state of its backup; <see cref="ComponentBackup.DoesNotExist"/> when it has none.</summary>
    Task<Result<ComponentBackup>> GetBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken);

    Task<Result> DeleteBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken);

    /// <summary>Soft-pauses Zeebe's exporting on every partition; a failure may have paused some of them.</summary>
    Task<Result> PauseExportingAsync(CancellationToken cancellationToken);

    Task<Result> ResumeExportingAsync(CancellationToken cancellationToken);

    /// <summary>Each partition's exporter phase (EXPORTING, PAUSED, SOFT_PAUSED), by partition id.</summary>
    Task<Result<IReadOnlyDictionary<int, string>>> GetExporterPhasesAsync(CancellationToken cancellationToken);
}
