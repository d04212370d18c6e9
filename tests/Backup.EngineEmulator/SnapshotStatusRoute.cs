using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>GET _snapshot/_status</c>, <c>_snapshot/&lt;repository&gt;/_status</c> (the running snapshots) and
/// <c>_snapshot/&lt;repository&gt;/&lt;names&gt;/_status</c>; <c>ignore_unavailable</c> leaves missing names out
/// instead of failing.
/// </summary>
internal static class SnapshotStatusRoute
{
    public static Task HandleAsync(Call call, string? repository, string? names)
    {
        var statuses = new JsonArray();
        lock (call.State.Gate)
        {
            if (repository is not null && !call.State.Repositories.ContainsKey(repository))
            {
                return SnapshotRoutes.RepositoryMissingAsync(call, repository);
            }

            foreach (var snapshot in names is null ? Running(call, repository) : [])
            {
                statuses.Add(Wire.Status(snapshot, call.State.Progress(snapshot)));
            }

            foreach (var name in NameExpression.Split(names))
            {
                if (SnapshotRoutes.Find(call, repository!, name) is { } snapshot)
                {
                    statuses.Add(Wire.Status(snapshot, call.State.Progress(snapshot)));
                }
                else if (!call.Flag("ignore_unavailable"))
                {
                    return call.ErrorAsync(SnapshotRoutes.SnapshotMissing(repository!, name));
                }
            }
        }

        return call.OkAsync(new JsonObject { ["snapshots"] = statuses });
    }

    private static List<EmulatedSnapshot> Running(Call call, string? repository)
    {
        var snapshots = repository is null ? call.State.AllSnapshots() : call.State.Repositories[repository].Values;
        return [.. snapshots.Where(s =>
        {
            call.State.Advance(s);
            return s.IsRunning;
        })];
    }
}
