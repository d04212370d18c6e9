using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backup.Bench;

/// <summary>
/// The service as its own process (the built Backup.Api.dll, Release when the bench is), so that its memory is its
/// own and it competes for the two cores as it would in production.
/// </summary>
internal sealed class ServiceUnderTest : IDisposable
{
    /// <summary>USER_HZ, which Linux keeps at 100 for <c>/proc</c>.</summary>
    private const int ClockTicksPerSecond = 100;

    private readonly Process _process;

    private ServiceUnderTest(Process process, Uri url)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    }

    public HttpClient Http { get; }

    /// <param name="settings">Configuration beyond the defaults, as environment variables (<c>Backup__…</c>).</param>
    /// <param name="command">What <c>dotnet</c> runs: the service, unless the bench's pass-through stands in for it.</param>
    public static async Task<ServiceUnderTest> StartAsync(
        EngineEmulator.EngineEmulator engine, string repository, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? command = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", command ?? [Path.Combine(AppContext.BaseDirectory, "Backup.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Backup__RepositoryName"] = repository;
        start.Environment["Database__Url"] = engine.Url.ToString();
        start.Environment["Database__Type"] = Seeding.IsOpenSearch(engine.Flavor) ? "opensearch" : "elasticsearch";
        start.Environment["Management__Server__Address"] = "127.0.0.1";
        start.Environment["Management__Server__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  service: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceUnderTest(process, new Uri($"http://127.0.0.1:{port}/"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var _ = await service.Http.GetAsync("actuator/backups/1", deadline.Token);
                return service;
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakMemory => Status("VmHWM:");

    /// <summary>Resets the peak to the current resident memory, so the next peak belongs to what runs next.</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public long Memory => Status("VmRSS:");

    /// <summary>
    /// The CPU time the process has used, all threads (utime + stime of <c>/proc/&lt;pid&gt;/stat</c>): unlike a
    /// request's wall time, hardly moved by what else runs on the machine.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
