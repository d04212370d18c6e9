using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Backup.EndToEnd.Tests;

/// <summary><c>scripts/sandbox.sh</c> as an operator runs it: it starts cleanly, stops whole, and never talks to an old emulator.</summary>
public sealed class SandboxScriptTests
{
    private static readonly string Script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../scripts/sandbox.sh"));

    [Test]
    public async Task A_second_sandbox_on_a_taken_port_says_so_and_exits_without_starting_anything()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var sandbox = Start(emulatorPort: takenPort, port: ServiceProcess.FreePort());
        var error = await sandbox.StandardError.ReadToEndAsync();
        await sandbox.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(sandbox.ExitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"port {takenPort} is already in use"));
    }

    [Test]
    public async Task Stopping_the_sandbox_with_SIGTERM_stops_the_service_and_the_emulator()
    {
        var (emulatorPort, port) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
        using var sandbox = Start(emulatorPort, port);
        sandbox.BeginOutputReadLine();
        sandbox.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(sandbox, port);

        using (var term = Process.Start("kill", ["-TERM", sandbox.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await sandbox.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(IsListening(port), Is.False, "the service still answers after the sandbox stopped");
            Assert.That(IsListening(emulatorPort), Is.False, "the emulator still answers after the sandbox stopped");
        });
    }

    private static Process Start(int emulatorPort, int port)
    {
        var start = new ProcessStartInfo("bash", [Script, "elasticsearch8"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["EMULATOR_PORT"] = emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
    }

    internal static async Task WaitUntilAnsweringAsync(Process sandbox, int port)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            Assert.That(sandbox.HasExited, Is.False, "the sandbox ended while starting");
            try
            {
                using var response = await http.GetAsync("actuator/backups", deadline.Token);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }

    internal static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
