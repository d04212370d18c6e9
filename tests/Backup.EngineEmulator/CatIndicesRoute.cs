namespace Backup.EngineEmulator;

/// <summary><c>_cat/indices</c> (as the Camunda docs' restore loop reads it); a closed index shows as <c>close</c>.</summary>
internal static class CatIndicesRoute
{
    private static readonly CatColumn[] OpenSearchColumns =
    [
        new("health", "h", "current health status"),
        new("status", "s", "open/close status"),
        new("index", "i,idx", "index name"),
        new("uuid", "id,uuid", "index uuid"),
        new("pri", "p,shards.primary,shardsPrimary", "number of primary shards"),
        new("rep", "r,shards.replica,shardsReplica", "number of replica shards"),
        new("docs.count", "dc,docsCount", "available docs"),
        new("docs.deleted", "dd,docsDeleted", "deleted docs"),
        new("store.size", "ss,storeSize", "store size of primaries & replicas"),
        new("pri.store.size", "", "store size of primaries"),
    ];

    private static readonly CatColumn[] ElasticsearchColumns = [.. OpenSearchColumns, new("dataset.size", "", "total size of dataset")];

    public static Task HandleAsync(Call call, string? expression)
    {
        List<(string Name, string Uuid, bool Closed)> indices;
        lock (call.State.Gate)
        {
            var (names, _) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.Indices.Keys], ignoreUnavailable: true);
            indices = [.. names.Select(n => (n, call.State.Indices[n], call.State.TraitsOf(n).Closed))];
        }

        var columns = call.Flavor.IsOpenSearch() ? OpenSearchColumns : ElasticsearchColumns;
        return CatTable.WriteAsync(call, columns, indices.Select(i => columns.ToDictionary(c => c.Name, c => c.Name switch
        {
            "health" => "green",
            "status" => i.Closed ? "close" : "open",
            "index" => i.Name,
            "uuid" => i.Uuid,
            "pri" => "1",
            "rep" => "0",
            "docs.count" or "docs.deleted" => "0",
            _ => "208b",
        })));
    }
}
