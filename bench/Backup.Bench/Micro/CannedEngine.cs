using System.Net;

namespace Backup.Bench.Micro;

/// <summary>An engine that gives every request the same answer, from memory: the service's side of a call alone.</summary>
internal sealed class CannedEngine(byte[] answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(answer) { Headers = { ContentType = new("application/json") } },
        });
}
