using System.Diagnostics.Metrics;
using System.Net;
using Backup.Application.Abstractions;
using Backup.Application.Observing;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backup.Infrastructure.Tests;

/// <summary>Every engine call the adapter makes is timed under a bounded operation name, and its failures counted.</summary>
public sealed class EngineCallMeteringTests
{
    private static readonly SnapshotName Part1 = new(Component.Operate, BackupId.Create(123).Value, "8.7.0", 1, 6);

    public static IEnumerable<TestCaseData> Calls()
    {
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.GetIndicesAsync("operate-*", CancellationToken.None)), "resolve_indices");
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.CreateSnapshotAsync(new SnapshotRequest(Part1, ["operate-x"], true), CancellationToken.None)), "create_snapshot");
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: false, CancellationToken.None)), "list_snapshots");
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.GetSnapshotAsync(Part1, CancellationToken.None)), "get_snapshot");
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.GetRunningSnapshotsAsync(CancellationToken.None)), "get_running_snapshots");
        yield return new TestCaseData((Func<ISnapshotRepository, Task>)(r => r.DeleteSnapshotsAsync([Part1], CancellationToken.None)), "delete_snapshots");
    }

    [TestCaseSource(nameof(Calls))]
    public async Task Each_call_is_timed_under_its_operation(Func<ISnapshotRepository, Task> call, string operation)
    {
        using var adapter = new Adapter(DatabaseType.Elasticsearch);
        using var durations = Collect<double>(adapter, "backup.engine.request.duration");

        await call(adapter.Repository);

        var measured = durations.GetMeasurementSnapshot().Single();
        Assert.That((measured.Tags["operation"], measured.Tags["outcome"]), Is.EqualTo(((object?)operation, (object?)"success")));
    }

    [TestCase(HttpStatusCode.NotFound, "not_found")]
    [TestCase(HttpStatusCode.InternalServerError, "error_status")]
    [TestCase(HttpStatusCode.Forbidden, "error_status")]
    public async Task An_error_answer_is_counted_by_its_kind(HttpStatusCode status, string kind)
    {
        using var adapter = new Adapter(DatabaseType.OpenSearch);
        adapter.Engine.Answer = _ => StubEngine.Json(status, """{"error":{"type":"some_exception","reason":"no"},"status":1}""");
        using var errors = Collect<long>(adapter, "backup.engine.errors");

        await adapter.Repository.DeleteSnapshotsAsync([Part1], CancellationToken.None);

        Assert.That(errors.GetMeasurementSnapshot().Single().Tags, Is.EquivalentTo(
            new Dictionary<string, object?> { ["operation"] = "delete_snapshots", ["kind"] = kind }));
    }

    [Test]
    public async Task An_engine_that_cannot_be_reached_is_counted_unreachable()
    {
        using var adapter = new Adapter(DatabaseType.Elasticsearch);
        adapter.Engine.Answer = _ => throw new HttpRequestException("Connection refused");
        using var errors = Collect<long>(adapter, "backup.engine.errors");
        using var durations = Collect<double>(adapter, "backup.engine.request.duration");

        var created = await adapter.Repository.CreateSnapshotAsync(new SnapshotRequest(Part1, ["operate-x"], true), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(created.Error?.Kind, Is.EqualTo(ErrorKind.EngineUnreachable));
            Assert.That(errors.GetMeasurementSnapshot().Single().Tags["kind"], Is.EqualTo("unreachable"));
            Assert.That(durations.GetMeasurementSnapshot().Single().Tags["outcome"], Is.EqualTo("unreachable"));
        });
    }

    [TestCase("GET", "http://engine:9200/", "engine_info")]
    [TestCase("GET", "https://proxy/es/_snapshot/repo/camunda_operate_1_8.7.0_part_1_of_6", "get_snapshot")]
    [TestCase("GET", "https://proxy/es/_snapshot/repo/a,b", "list_snapshots")]
    [TestCase("GET", "http://engine:9200/_snapshot/repo", "get_repository")]
    [TestCase("POST", "http://engine:9200/_snapshot/repo/_verify", "other")]
    public void The_operation_is_read_from_method_and_path_under_any_prefix(string method, string uri, string operation) =>
        Assert.That(EngineCallMetering.OperationOf(new HttpMethod(method), new Uri(uri)), Is.EqualTo(operation));

    private static MetricCollector<T> Collect<T>(Adapter adapter, string instrument)
        where T : struct =>
        new(adapter.Services.GetRequiredService<IMeterFactory>(), BackupMetrics.MeterName, instrument);
}
