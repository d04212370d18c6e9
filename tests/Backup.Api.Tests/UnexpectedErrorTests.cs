using System.Net;
using System.Text.Json.Nodes;
using Backup.Domain;
using Microsoft.Extensions.Logging;
using Moq;

namespace Backup.Api.Tests;

public sealed class UnexpectedErrorTests
{
    [Test]
    public async Task A_bug_answers_500_with_the_trace_id_of_the_one_log_entry_that_holds_it_and_no_internals()
    {
        await using var host = new ApiHost();
        host.Engine.Setup(e => e.GetSnapshotsAsync(It.Is<SnapshotSelection>(s => s.Pattern.Contains("_5_")), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internals"));
        using var client = host.CreateClient();

        using var response = await client.GetAsync("actuator/backups/5");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), text);
        var message = (string)JsonNode.Parse(text)!["message"]!;
        var traceId = System.Text.RegularExpressions.Regex.Match(message, "trace id ([0-9a-f]+)").Groups[1].Value;
        Assert.That(traceId, Is.Not.Empty, message);
        Assert.That(message, Does.Not.Contain("secret internals"));
        var logged = host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Error && r.Message.Contains(traceId, StringComparison.Ordinal)).ToList();
        Assert.That(logged, Has.Count.EqualTo(1), "the trace id finds the exception in the log");
        Assert.That(logged[0].Exception?.Message, Is.EqualTo("secret internals"));
        Assert.That(host.Logs.GetSnapshot().Where(r => r.Exception is not null).ToList(), Has.Count.EqualTo(1), "the exception is logged once, not again by the framework");
    }
}
