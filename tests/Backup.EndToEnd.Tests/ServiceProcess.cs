using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Backup.Domain;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// The service as a real operating-system process (the built Backup.Api.dll), so that a test can kill it hard, as a
/// node failure or an OOM kill would, rather than let it stop gracefully.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Seen)> _awaited = [];

    private ServiceProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public static async Task<ServiceProcess> StartAsync(EngineTarget engine, Component component, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backup.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var environment = new Dictionary<string, string>
        {
            ["Backup__Component"] = component.Name(),
            ["Backup__RepositoryName"] = engine.Repository,
            ["Backup__IndexPrefix"] = EngineTarget.PrefixFor(component),
            ["Backup__MaxPollInterval"] = "00:00:00.200",
            ["Database__Type"] = engine.Type.ToString(),
            ["Database__Url"] = engine.Url.ToString(),
            ["Management__Server__Address"] = "127.0.0.1",
            ["Management__Server__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (engine.Username is not null)
        {
            environment["Database__Username"] = engine.Username;
            environment["Database__Password"] = engine.Password ?? "";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => service.Received(line.Data);
        process.ErrorDataReceived += (_, line) => service.Received(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilListeningAsync();
        return service;
    }

    /// <summary>The first line the service writes (stdout or stderr) that <paramref name="matches"/>, including one already written.</summary>
    public Task<string> OutputLineAsync(Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_awaited)
        {
            if (_output.FirstOrDefault(matches) is { } line)
            {
                seen.SetResult(line);
            }
            else
            {
                _awaited.Add((matches, seen));
            }
        }

        return seen.Task;
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_awaited)
        {
            _output.Enqueue(line);
            foreach (var (matches, seen) in _awaited.Where(a => a.Matches(line)))
            {
                seen.TrySetResult(line);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, exactly like a node that dies.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes sends before it replaces a pod: the service stops gracefully; waits until it exited.</summary>
    public async Task TerminateAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(deadline.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.That(_process.HasExited, Is.False, "the service process exited while starting");
            try
            {
                using var response = await Http.GetAsync("actuator/backups/1", deadline.Token);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
