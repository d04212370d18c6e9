using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>PUT _snapshot/&lt;repository&gt;/&lt;source&gt;/_clone/&lt;target&gt;</c> with <c>{"indices": ...}</c>: a new,
/// finished snapshot holding the source's indices that the patterns pick.
/// </summary>
internal static class SnapshotCloneRoute
{
    public static Task HandleAsync(Call call, string repository, string source, string target)
    {
        var patterns = SnapshotRoutes.Expression(call.JsonBody()?["indices"]);
        if (patterns.Count == 0)
        {
            return call.ErrorAsync(400, "action_request_validation_exception", "Validation Failed: 1: indices patterns are empty;");
        }

        if (SnapshotRoutes.InvalidNameReason(target) is { } invalid)
        {
            return call.ErrorAsync(400, "invalid_snapshot_name_exception", $"[{repository}:{target}] Invalid snapshot name [{target}], {invalid}");
        }

        lock (call.State.Gate)
        {
            if (SnapshotRoutes.Find(call, repository, source) is not { } original)
            {
                return call.ErrorAsync(SnapshotRoutes.Missing(call, repository, source));
            }

            var snapshots = call.State.Repositories[repository];
            if (snapshots.ContainsKey(target))
            {
                return call.ErrorAsync(400, call.Flavor.NameInUseType(),
                    $"[{repository}:{target}] Invalid snapshot name [{target}], snapshot with the same name already exists");
            }

            var (indices, _) = NameExpression.Resolve(patterns, original.Indices, ignoreUnavailable: true);
            if (indices.Count == 0)
            {
                return call.ErrorAsync(400, "illegal_argument_exception",
                    $"No indices in the source snapshot [{repository}:{source}] matched requested pattern [{string.Join(", ", patterns)}]");
            }

            var start = call.State.NextStart();
            snapshots[target] = new EmulatedSnapshot
            {
                Name = target,
                Repository = repository,
                Indices = indices,
                IncludeGlobalState = original.IncludeGlobalState,
                Metadata = original.Metadata?.DeepClone() as JsonObject,
                Aliases = original.Aliases,
                Start = start,
                End = start,
                State = SnapshotOutcome.Success,
            };
        }

        return call.AcknowledgedAsync();
    }
}
