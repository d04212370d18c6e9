using System.Net;
using System.Text;

namespace Backup.Infrastructure.Tests;

/// <summary>An engine that answers every request with what the test says, and remembers what it was sent.</summary>
internal sealed class StubEngine : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string PathAndQuery, string Body)> _requests = [];

    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => Json(HttpStatusCode.OK, "{}");

    public IReadOnlyList<(HttpMethod Method, string PathAndQuery, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add((request.Method, request.RequestUri!.PathAndQuery, body));
        }

        return Answer(request);
    }
}
