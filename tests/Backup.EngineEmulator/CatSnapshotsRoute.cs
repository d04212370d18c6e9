using System.Globalization;

namespace Backup.EngineEmulator;

/// <summary><c>GET _cat/snapshots[/&lt;repositories&gt;]</c>: one row per snapshot, in the <c>_cat</c> table forms.</summary>
internal static class CatSnapshotsRoute
{
    private static readonly CatColumn[] Columns =
    [
        new("id", "id,snapshot", "unique snapshot"),
        new("repository", "re,repo", "repository name"),
        new("status", "s", "snapshot status"),
        new("start_epoch", "ste,startEpoch", "start time in seconds since 1970-01-01 00:00:00"),
        new("start_time", "sti,startTime", "start time in HH:MM:SS"),
        new("end_epoch", "ete,endEpoch", "end time in seconds since 1970-01-01 00:00:00"),
        new("end_time", "eti,endTime", "end time in HH:MM:SS"),
        new("duration", "dur,duration", "duration"),
        new("indices", "i,indices", "number of indices"),
        new("successful_shards", "ss,successful_shards", "number of successful shards"),
        new("failed_shards", "fs,failed_shards", "number of failed shards"),
        new("total_shards", "ts,total_shards", "number of total shards"),
        new("reason", "r,reason", "reason for failures"),
    ];

    public static Task HandleAsync(Call call)
    {
        var rows = new List<Dictionary<string, string>>();
        lock (call.State.Gate)
        {
            var expression = call.Segments.Count > 2 ? call.Segments[2] : null;
            var (repositories, missing) = NameExpression.Resolve(NameExpression.Split(expression),
                [.. call.State.Repositories.Keys.Order(StringComparer.Ordinal)], call.Flag("ignore_unavailable"));
            if (missing is not null)
            {
                return SnapshotRoutes.RepositoryMissingAsync(call, missing);
            }

            foreach (var snapshot in repositories.SelectMany(r => call.State.Repositories[r].Values).OrderBy(s => s.Start))
            {
                call.State.Advance(snapshot);
                rows.Add(Row(snapshot, call.State.Time.GetUtcNow()));
            }
        }

        return CatTable.WriteAsync(call, Columns, rows);
    }

    private static Dictionary<string, string> Row(EmulatedSnapshot snapshot, DateTimeOffset now)
    {
        var failed = Wire.FailedShards(snapshot);
        return new Dictionary<string, string>
        {
            ["id"] = snapshot.Name,
            ["repository"] = snapshot.Repository,
            ["status"] = Wire.StateName(snapshot.State),
            ["start_epoch"] = snapshot.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["start_time"] = snapshot.Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["end_epoch"] = (snapshot.End?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture),
            ["end_time"] = (snapshot.End ?? DateTimeOffset.UnixEpoch).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["duration"] = $"{((snapshot.End ?? now) - snapshot.Start).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms",
            ["indices"] = snapshot.Indices.Count.ToString(CultureInfo.InvariantCulture),
            ["successful_shards"] = (snapshot.Indices.Count - failed).ToString(CultureInfo.InvariantCulture),
            ["failed_shards"] = failed.ToString(CultureInfo.InvariantCulture),
            ["total_shards"] = snapshot.Indices.Count.ToString(CultureInfo.InvariantCulture),
            ["reason"] = "",
        };
    }
}
