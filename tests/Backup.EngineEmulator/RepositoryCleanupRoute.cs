using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary><c>POST _snapshot/&lt;repository&gt;/_cleanup</c>: the emulator leaves no stale blobs, so there is never anything to delete.</summary>
internal static class RepositoryCleanupRoute
{
    public static Task HandleAsync(Call call, string repository)
    {
        lock (call.State.Gate)
        {
            if (!call.State.Repositories.ContainsKey(repository))
            {
                return SnapshotRoutes.RepositoryMissingAsync(call, repository);
            }
        }

        return call.OkAsync(new JsonObject { ["results"] = new JsonObject { ["deleted_bytes"] = 0, ["deleted_blobs"] = 0 } });
    }
}
