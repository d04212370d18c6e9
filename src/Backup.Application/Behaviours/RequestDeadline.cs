using Backup.Domain;

namespace Backup.Application.Behaviours;

/// <summary>What a request is answered when <see cref="BackupOptions.RequestTimeout"/> passed before the engine did.</summary>
public static class RequestDeadline
{
    public static Error Exceeded(TimeSpan timeout) => Error.EngineUnreachable(
        $"The engine did not answer within {timeout.TotalSeconds:0.#} s (Backup:RequestTimeout). The request can be retried when it is back.");
}
