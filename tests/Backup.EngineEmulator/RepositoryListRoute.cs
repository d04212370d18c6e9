using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary><c>GET _snapshot</c>, <c>GET _snapshot/_all</c> and <c>GET _snapshot/&lt;names or wildcards&gt;</c>: repositories and their settings.</summary>
internal static class RepositoryListRoute
{
    public static Task HandleAsync(Call call, string expression)
    {
        var answer = new JsonObject();
        lock (call.State.Gate)
        {
            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression),
                [.. call.State.Repositories.Keys.Order(StringComparer.Ordinal)], ignoreUnavailable: false);
            if (missing is not null)
            {
                return SnapshotRoutes.RepositoryMissingAsync(call, missing);
            }

            foreach (var name in names)
            {
                answer[name] = Settings(call.Flavor, name);
            }
        }

        return call.OkAsync(answer);
    }

    private static JsonObject Settings(EngineFlavor flavor, string repository)
    {
        var settings = new JsonObject { ["type"] = "fs" };
        if (!flavor.IsOpenSearch())
        {
            settings["uuid"] = "emulatorRepoUuid00000A";
        }

        settings["settings"] = new JsonObject { ["location"] = repository };
        return settings;
    }
}
