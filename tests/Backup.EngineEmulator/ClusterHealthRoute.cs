using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>GET _cluster/health[/&lt;indices&gt;]</c>: a one-node cluster that is always green, one primary shard per open
/// index. The <c>wait_for_*</c> parameters are accepted and answered at once, as the wait is already over.
/// </summary>
internal static class ClusterHealthRoute
{
    public static Task HandleAsync(Call call)
    {
        int shards;
        lock (call.State.Gate)
        {
            var expression = call.Segments.Count > 2 ? call.Segments[2] : null;
            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.Indices.Keys], ignoreUnavailable: false,
                call.State.Expandable(call, "all"));
            if (missing is not null)
            {
                return call.ErrorAsync(Wire.IndexNotFound(missing));
            }

            shards = names.Count(n => !call.State.TraitsOf(n).Closed);
        }

        var health = new JsonObject
        {
            ["cluster_name"] = "backup-engine-emulator",
            ["status"] = "green",
            ["timed_out"] = false,
            ["number_of_nodes"] = 1,
            ["number_of_data_nodes"] = 1,
        };
        if (call.Flavor.IsOpenSearch() && call.Flavor != EngineFlavor.OpenSearch1)
        {
            health["discovered_master"] = true;
            health["discovered_cluster_manager"] = true;
        }

        health["active_primary_shards"] = shards;
        health["active_shards"] = shards;
        health["relocating_shards"] = 0;
        health["initializing_shards"] = 0;
        health["unassigned_shards"] = 0;
        health["delayed_unassigned_shards"] = 0;
        health["number_of_pending_tasks"] = 0;
        health["number_of_in_flight_fetch"] = 0;
        health["task_max_waiting_in_queue_millis"] = 0;
        health["active_shards_percent_as_number"] = 100.0;
        return call.OkAsync(health);
    }
}
