using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EndToEnd.Tests;

/// <summary>The management API as a script sees it: plain HTTP and JSON.</summary>
internal sealed class BackupApi(ServiceHost host, HttpClient http) : IAsyncDisposable
{
    public HttpClient Http => http;

    /// <summary>Where the API is: <c>actuator/backups</c>, or 8.8's <c>actuator/backupHistory</c>.</summary>
    public string Root { get; set; } = "actuator/backups";

    public IServiceProvider Services => host.Services;

    public Task<HttpResponseMessage> CreateAsync(long backupId) =>
        CreateAsync($$"""{ "backupId": {{backupId}} }""");

    public Task<HttpResponseMessage> CreateAsync(string body, string contentType = "application/json") =>
        http.PostAsync(Root, new StringContent(body, Encoding.UTF8, contentType));

    public Task<HttpResponseMessage> GetAsync(long backupId) => http.GetAsync($"{Root}/{backupId}");

    public Task<HttpResponseMessage> ListAsync(string query = "") => http.GetAsync($"{Root}{query}");

    public Task<HttpResponseMessage> DeleteAsync(long backupId) => http.DeleteAsync($"{Root}/{backupId}");

    /// <summary>Follows a backup until it leaves IN_PROGRESS, as an operator's script would, within a deadline.</summary>
    public async Task<JsonNode> WaitUntilSettledAsync(long backupId, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await http.GetAsync($"{Root}/{backupId}", timeout.Token);
            var body = await ReadAsync(response);
            if (response.StatusCode == HttpStatusCode.OK && (string?)body["state"] != "IN_PROGRESS")
            {
                return body;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new AssertionException("empty body");

    /// <summary>Asserts the status and that the answer is a problem whose message contains <paramref name="message"/>.</summary>
    public static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((int?)problem["status"], Is.EqualTo((int)status));
            Assert.That((string?)problem["message"], Does.Contain(message));
            Assert.That((string?)problem["detail"], Is.EqualTo((string?)problem["message"]));
        });
        return problem;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }
}
