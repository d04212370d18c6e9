using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Backup.Domain;

namespace Backup.Bench.Micro;

/// <summary>An engine that gives every request the same answer, from memory: the service's side of a call alone.</summary>
internal sealed class CannedEngine(byte[] answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(answer) { Headers = { ContentType = new("application/json") } },
        });

    /// <summary>
    /// A listing as Elasticsearch 8 answers the service's <c>filter_path</c> (es8-get-snapshots.json, filtered): names and
    /// states only when not verbose.
    /// </summary>
    public static byte[] Listing(IEnumerable<Snapshot> snapshots, bool verbose)
    {
        var infos = new JsonArray();
        foreach (var snapshot in snapshots)
        {
            var info = new JsonObject { ["snapshot"] = snapshot.Name.ToString(), ["state"] = "SUCCESS" };
            if (verbose)
            {
                info["start_time_in_millis"] = snapshot.StartTime!.Value.ToUnixTimeMilliseconds();
                info["end_time_in_millis"] = snapshot.EndTime!.Value.ToUnixTimeMilliseconds();
            }

            infos.Add(info);
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["snapshots"] = infos }.ToJsonString());
    }
}
