using System.Text;
using System.Text.Json.Nodes;
using Backup.EngineEmulator.Platform;

namespace Backup.EngineEmulator.Tests;

/// <summary>
/// The Zeebe and Optimize management emulators held to the answers ../shared/spec/platform-backup.md records
/// (§2 Zeebe backups, §3 exporting, §4 Optimize), and the engine's document API the platform record lives in.
/// </summary>
public sealed class PlatformEmulatorTests
{
    private static readonly HttpClient Http = new();

    [TestCase("8.7", "backups")]
    [TestCase("8.8", "backupRuntime")]
    public async Task Zeebe_backup_answers_202_then_409_for_an_id_not_above_the_latest_even_after_delete(string line, string path)
    {
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync(line);
        var (created, message) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, $"actuator/{path}"), """{"backupId": "100"}""");
        Assert.That(created, Is.EqualTo(202));
        Assert.That((string?)message!["message"], Does.StartWith("A backup with id 100 has been scheduled."));

        var (_, info) = await SendAsync(HttpMethod.Get, new Uri(zeebe.Url, $"actuator/{path}/100"));
        Assert.That((string?)info!["state"], Is.EqualTo("COMPLETED"));
        Assert.That(info["details"]!.AsArray().Select(d => (int?)d!["partitionId"]), Is.EqualTo(new int?[] { 1, 2, 3 }));

        Assert.That((await SendAsync(HttpMethod.Delete, new Uri(zeebe.Url, $"actuator/{path}/100"))).Status, Is.EqualTo(204));
        var (again, refusal) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, $"actuator/{path}"), """{"backupId": 100}""");
        Assert.That(again, Is.EqualTo(409));
        Assert.That((string?)refusal!["message"], Does.Contain("The latest backup has id 100"));
        Assert.That((await SendAsync(HttpMethod.Get, new Uri(zeebe.Url, $"actuator/{path}/100"))).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Zeebe_exporting_answers_http_200_with_the_outcome_in_the_body()
    {
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync("8.7");
        var (status, body) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/exporting/pause?soft=true"));
        Assert.That((status, (int?)body!["status"]), Is.EqualTo((200, (int?)204)));
        Assert.That(zeebe.ExporterPhases, Is.All.EqualTo("SOFT_PAUSED"));
        var (_, partitions) = await SendAsync(HttpMethod.Get, new Uri(zeebe.Url, "actuator/partitions"));
        Assert.That((string?)partitions!["2"]!["exporterPhase"], Is.EqualTo("SOFT_PAUSED"));

        zeebe.BrokerDown = true;
        (status, body) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/exporting/resume"));
        Assert.That((status, (int?)body!["status"]), Is.EqualTo((200, (int?)500)));
        Assert.That(zeebe.ExporterPhases, Is.All.EqualTo("SOFT_PAUSED"), "a broker down: nothing is resumed");

        zeebe.BrokerDown = false;
        (_, body) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/exporting/resume"));
        Assert.That((int?)body!["status"], Is.EqualTo(204));
        Assert.That(zeebe.ExporterPhases, Is.All.EqualTo("EXPORTING"));
    }

    [Test]
    public async Task Zeebe_partial_pause_pauses_some_partitions_and_says_500_in_the_body()
    {
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync("8.8");
        zeebe.PartialPause = true;
        var (status, body) = await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/exporting/pause?soft=true"));
        Assert.That((status, (int?)body!["status"]), Is.EqualTo((200, (int?)500)));
        Assert.That(zeebe.ExporterPhases, Is.EqualTo(new[] { "SOFT_PAUSED", "EXPORTING", "EXPORTING" }));
    }

    [Test]
    public async Task Zeebe_failing_backup_is_FAILED_with_each_partitions_reason_and_a_broker_down_is_502()
    {
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync("8.7");
        zeebe.FailBackupsWith = "disk full";
        await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/backups"), """{"backupId": 5}""");
        var (_, info) = await SendAsync(HttpMethod.Get, new Uri(zeebe.Url, "actuator/backups/5"));
        Assert.That((string?)info!["state"], Is.EqualTo("FAILED"));
        Assert.That((string?)info["failureReason"], Is.EqualTo("Backup on partition 1 failed due to disk full. "));

        zeebe.BrokerDown = true;
        Assert.That((await SendAsync(HttpMethod.Post, new Uri(zeebe.Url, "actuator/backups"), """{"backupId": 6}""")).Status, Is.EqualTo(502));
    }

    [Test]
    public async Task Optimize_writes_its_two_snapshots_to_the_engine_answers_202_then_409()
    {
        await using var engine = await Engine.StartAsync(EngineFlavor.Elasticsearch8);
        engine.Emulator.HoldSnapshots = true;
        await using var optimize = await OptimizeEmulator.StartAsync(engine.Emulator.Url, Engine.Repository);
        var (created, _) = await SendAsync(HttpMethod.Post, new Uri(optimize.Url, "actuator/backups"), """{"backupId": 7}""");
        Assert.That(created, Is.EqualTo(202));
        Assert.That(await engine.SnapshotNamesAsync("camunda_optimize_*"),
            Is.EqualTo(new[] { "camunda_optimize_7_8.7.1_part_1_of_2", "camunda_optimize_7_8.7.1_part_2_of_2" }));
        Assert.That((string?)(await SendAsync(HttpMethod.Get, new Uri(optimize.Url, "actuator/backups/7"))).Body!["state"], Is.EqualTo("IN_PROGRESS"));

        engine.Emulator.HoldSnapshots = false;
        Assert.That((string?)(await SendAsync(HttpMethod.Get, new Uri(optimize.Url, "actuator/backups/7"))).Body!["state"], Is.EqualTo("COMPLETED"));
        var (again, conflict) = await SendAsync(HttpMethod.Post, new Uri(optimize.Url, "actuator/backups"), """{"backupId": 7}""");
        Assert.That(again, Is.EqualTo(409));
        Assert.That((string?)conflict!["errorMessage"], Does.StartWith("A backup with ID [7] already exists."));
        Assert.That((await SendAsync(HttpMethod.Get, new Uri(optimize.Url, "actuator/backups/8"))).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Documents_are_created_once_updated_only_at_their_sequence_number_and_searched()
    {
        await using var engine = await Engine.StartAsync(EngineFlavor.OpenSearch2);
        var (created, first) = await engine.SendAsync(HttpMethod.Put, "records/_doc/lock?op_type=create&refresh=true", """{"owner": "a"}""");
        Assert.That((created, (string?)first!["result"]), Is.EqualTo((201, "created")));
        Assert.That((await engine.SendAsync(HttpMethod.Put, "records/_doc/lock?op_type=create", """{"owner": "b"}""")).Status, Is.EqualTo(409));

        var seqNo = (long)first["_seq_no"]!;
        Assert.That((await engine.SendAsync(HttpMethod.Put, $"records/_doc/lock?if_seq_no={seqNo + 5}&if_primary_term=1", """{"owner": "b"}""")).Status, Is.EqualTo(409));
        Assert.That((await engine.SendAsync(HttpMethod.Put, $"records/_doc/lock?if_seq_no={seqNo}&if_primary_term=1", """{"owner": "b"}""")).Status, Is.EqualTo(200));

        var (_, found) = await engine.SendAsync(HttpMethod.Post, "records/_search?size=100&seq_no_primary_term=true", """{"query": {"match_all": {}}}""");
        var hit = found!["hits"]!["hits"]![0]!;
        Assert.That(((string?)hit["_source"]!["owner"], (long?)hit["_seq_no"]), Is.EqualTo(("b", (long?)(seqNo + 1))));
        Assert.That((await engine.SendAsync(HttpMethod.Delete, "records/_doc/lock")).Status, Is.EqualTo(200));
        Assert.That((await engine.GetAsync("records/_doc/lock")).Status, Is.EqualTo(404));
    }

    private static async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, Uri url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
