using Backup.Domain;

namespace Backup.Cli;

/// <summary>What the tool's exit code tells a script; the numbers are part of its contract (README, --help).</summary>
public static class ExitCodes
{
    /// <summary>Done: the backup is COMPLETED, the request was carried out, the restore verified.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected (a bug): the message says what.</summary>
    public const int Unexpected = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;

    public const int Failed = 3;

    public const int Incomplete = 4;

    public const int Incompatible = 5;

    /// <summary>The backup is still IN_PROGRESS: without --wait, or when --timeout passed first.</summary>
    public const int InProgress = 6;

    /// <summary>The service, or the engine behind it, could not be reached.</summary>
    public const int Unreachable = 7;

    /// <summary>The request was refused: by the service (4xx/5xx), by the engine, or by restore's own checks.</summary>
    public const int Refused = 8;

    /// <summary>No such backup (or no such repository).</summary>
    public const int NotFound = 9;

    /// <summary>A restore ran, but some index of the backup does not exist afterwards.</summary>
    public const int NotVerified = 10;

    public const string Help = """
        Exit codes:
          0  COMPLETED / done          6  still IN_PROGRESS (no --wait, or --timeout passed)
          1  unexpected error          7  service or engine unreachable
          2  usage or configuration    8  refused (by the service, the engine, or restore's checks)
          3  FAILED                    9  no such backup or repository
          4  INCOMPLETE               10  restore ran but an index of the backup is missing afterwards
          5  INCOMPATIBLE
        """;

    public static int Of(BackupState state) => state switch
    {
        BackupState.Completed => Ok,
        BackupState.InProgress => InProgress,
        BackupState.Failed => Failed,
        BackupState.Incompatible => Incompatible,
        BackupState.Incomplete => Incomplete,
        _ => Unexpected,
    };

    public static int Of(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => NotFound,
        ErrorKind.EngineUnreachable => Unreachable,
        _ => Refused,
    };
}
