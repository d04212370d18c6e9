using System.Diagnostics;
using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// Fifteen hundred requests against an engine that misbehaves in each way it can: each gets its documented status within
/// the configured bound, and neither threads nor connections pile up.
/// </summary>
public sealed class FaultLoadTests
{
    private const int RequestsPerFault = 250;
    private const int Concurrency = 10;

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
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        var emulator = engine.Emulator ?? throw new IgnoreException("Injecting faults needs the emulator.");
        await using var api = ServiceHost.Start(engine, Component.Operate, s =>
        {
            s["Database:RequestTimeout"] = "00:00:00.250";
            s["Backup:RequestTimeout"] = "00:00:02";
        });
        await RunAsync(api, 20, HttpStatusCode.OK);
        var (threadsBefore, handlesBefore) = Resources();
        var report = new List<string>();

        foreach (var fault in Enum.GetValues<Fault>())
        {
            var expected = await InjectAsync(emulator, fault);
            var latencies = await RunAsync(api, RequestsPerFault, expected);
            await ClearAsync(emulator);
            report.Add($"{fault}: {RequestsPerFault} x {(int)expected}, p50 {Percentile(latencies, 0.5):0} ms, max {latencies.Max():0} ms");
            Assert.That(latencies.Max(), Is.LessThan(5_000), $"{fault}: every answer comes within Backup:RequestTimeout and change");
        }

        await RunAsync(api, 20, HttpStatusCode.OK);
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

    private static async Task<List<double>> RunAsync(BackupApi api, int count, HttpStatusCode expected)
    {
        var latencies = new List<double>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var clock = Stopwatch.StartNew();
                using var response = await api.ListAsync();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }));
        return latencies;
    }

    private static (int Threads, int Handles) Resources()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (process.Threads.Count, Directory.GetFiles("/proc/self/fd").Length);
    }

    private static double Percentile(List<double> values, double share) => values.Order().ElementAt((int)(share * (values.Count - 1)));
}
