using System.Diagnostics;
using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// Fifteen hundred requests per engine family (listings, reads and deletes of one backup, creates) against an engine
/// that misbehaves in each way it can: each gets its documented status within Backup:RequestTimeout, and neither
/// threads nor connections pile up.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class FaultLoadTests(EngineFlavor flavor)
{
    private const int RequestsPerFault = 250;
    private const int Concurrency = 10;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What the bound allows beyond Backup:RequestTimeout: the test's own client and a busy shared runner.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    /// <summary>The four requests the load is made of.</summary>
    private enum Kind
    {
        List,
        GetOne,
        DeleteOne,
        Create,
    }

    public enum Fault
    {
        Refused,
        Dropped,
        Error500,
        Unavailable503,
        Hanging,
        Slow,
    }

    [Test]
    public async Task Faulted_requests_get_their_status_in_bounded_time_and_leak_nothing()
    {
        await using var engine = await EngineTarget.StartAsync(flavor);
        var emulator = engine.Emulator ?? throw new IgnoreException("Injecting faults needs the emulator.");
        await engine.SeedAsync(Component.Operate);
        await using var api = ServiceHost.Start(engine, Component.Operate, s =>
        {
            s["Database:RequestTimeout"] = "00:00:00.250";
            s["Backup:RequestTimeout"] = RequestTimeout.ToString();
        });
        await RunAsync(api, engine, 20, HttpStatusCode.OK);
        var (threadsBefore, handlesBefore) = Resources();
        var report = new List<string>();

        foreach (var fault in Enum.GetValues<Fault>())
        {
            var expected = await InjectAsync(emulator, fault);
            var latencies = await RunAsync(api, engine, RequestsPerFault, expected);
            await ClearAsync(emulator);
            report.Add($"{fault}: {RequestsPerFault} x {(int)expected}, p50 {Percentile(latencies, 0.5):0} ms, max {latencies.Max():0} ms");
            Assert.That(latencies.Max(), Is.LessThan((RequestTimeout + Slack).TotalMilliseconds), $"{fault}: every answer comes within Backup:RequestTimeout");
        }

        await RunAsync(api, engine, 20, HttpStatusCode.OK);
        var (threadsAfter, handlesAfter) = Resources();
        report.Add($"threads {threadsBefore} -> {threadsAfter}, open handles {handlesBefore} -> {handlesAfter}");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, report));
        Assert.That(threadsAfter - threadsBefore, Is.LessThan(30), "threads do not pile up");
        Assert.That(handlesAfter - handlesBefore, Is.LessThan(60), "connections and sockets do not pile up");
    }

    private static async Task<HttpStatusCode> InjectAsync(EngineEmulator.EngineEmulator emulator, Fault fault)
    {
        switch (fault)
        {
            case Fault.Refused:
                await emulator.RefuseConnectionsAsync();
                return HttpStatusCode.BadGateway;
            case Fault.Dropped:
                emulator.Faults.DropConnections = true;
                return HttpStatusCode.BadGateway;
            case Fault.Error500:
                emulator.Faults.StatusCode = 500;
                return HttpStatusCode.InternalServerError;
            case Fault.Unavailable503:
                emulator.Faults.StatusCode = 503;
                return HttpStatusCode.InternalServerError;
            case Fault.Slow:
                emulator.Faults.Hang = TimeSpan.FromMilliseconds(100);
                return HttpStatusCode.OK;
            default:
                emulator.Faults.Hang = TimeSpan.FromMinutes(1);
                return HttpStatusCode.BadGateway;
        }
    }

    private static async Task ClearAsync(EngineEmulator.EngineEmulator emulator)
    {
        emulator.Faults.Reset();
        await emulator.AcceptConnectionsAsync();
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests of the four kinds; each must get <paramref name="faulted"/>
    /// when the engine misbehaves, or its normal answer when it only is slow (<see cref="HttpStatusCode.OK"/>).
    /// </summary>
    private static async Task<List<double>> RunAsync(BackupApi api, EngineTarget engine, int count, HttpStatusCode faulted)
    {
        var latencies = new List<double>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async sender =>
        {
            int sent;
            while ((sent = Interlocked.Increment(ref next)) <= count)
            {
                // One sender creates, the others list, read and delete: creates in one process decide one after
                // another, so a queue of them would measure the queue rather than the engine.
                var kind = sender == 0 ? Kind.Create : (Kind)(sent % 3);
                var clock = Stopwatch.StartNew();
                using var response = await SendAsync(api, engine, kind);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                Assert.That(response.StatusCode, Is.AnyOf(Expected(kind, faulted)), $"{kind}: {await response.Content.ReadAsStringAsync()}");
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }));
        return latencies;
    }

    /// <summary>Reads and deletes aim at ids never taken: a working engine answers them 404, a faulted one fails them.</summary>
    private static Task<HttpResponseMessage> SendAsync(BackupApi api, EngineTarget engine, Kind kind) => kind switch
    {
        Kind.List => api.ListAsync(),
        Kind.GetOne => api.GetAsync(engine.NewBackupId()),
        Kind.DeleteOne => api.DeleteAsync(engine.NewBackupId()),
        _ => api.CreateAsync(engine.NewBackupId()),
    };

    private static HttpStatusCode[] Expected(Kind kind, HttpStatusCode faulted) => (faulted, kind) switch
    {
        (not HttpStatusCode.OK, _) => [faulted],
        (_, Kind.List) => [HttpStatusCode.OK],
        (_, Kind.GetOne or Kind.DeleteOne) => [HttpStatusCode.NotFound],
        // One create starts a backup; the others meet it running.
        _ => [HttpStatusCode.OK, HttpStatusCode.BadRequest],
    };

    private static (int Threads, int Handles) Resources()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (process.Threads.Count, Directory.GetFiles("/proc/self/fd").Length);
    }

    private static double Percentile(List<double> values, double share) => values.Order().ElementAt((int)(share * (values.Count - 1)));
}
