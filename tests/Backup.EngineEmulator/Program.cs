using System.Globalization;
using System.Runtime.InteropServices;

namespace Backup.EngineEmulator;

/// <summary>
/// The sandbox: <c>dotnet run --project tests/Backup.EngineEmulator -- --flavor elasticsearch8 --port 9250
/// --repository camunda_backup</c> starts an emulator preloaded with Operate and Tasklist 8.7 indices;
/// <c>--camunda 8.8</c> preloads an aged 8.8 system instead, <c>--camunda 8.8-fresh</c> a fresh one.
/// <c>--zeebe-port 9260 --optimize-port 9270</c> also start Zeebe's management port and Optimize's backup API (the
/// whole platform, for <c>scripts/platform-sandbox.sh</c>), for the version line of <c>--camunda</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!Enum.TryParse<EngineFlavor>(options.GetValueOrDefault("flavor", "elasticsearch8"), ignoreCase: true, out var flavor))
        {
            await Console.Error.WriteLineAsync($"Unknown flavor: use one of {string.Join(", ", Enum.GetNames<EngineFlavor>()).ToLowerInvariant()}");
            return 2;
        }

        var port = int.Parse(options.GetValueOrDefault("port", "9250"), CultureInfo.InvariantCulture);
        var repository = options.GetValueOrDefault("repository", "camunda_backup");
        await using var emulator = await EngineEmulator.StartAsync(flavor, port: port);
        emulator.CreateRepository(repository);
        switch (options.GetValueOrDefault("camunda", "8.7"))
        {
            case "8.8":
                emulator.CreateIndices([.. CamundaIndices88.Aged("2025-10-01")]);
                break;
            case "8.8-fresh":
                emulator.CreateIndices([.. CamundaIndices88.Fresh()]);
                break;
            default:
                emulator.CreateIndices([.. CamundaIndices.Operate(), .. CamundaIndices.DatedCopies("operate", "operate", "2024-01-15")]);
                emulator.CreateIndices([.. CamundaIndices.Tasklist(), .. CamundaIndices.DatedCopies("tasklist", "tasklist", "2024-01-15")]);
                break;
        }

        await using var platform = await Platform.PlatformEmulators.StartAsync(options, emulator);
        Console.WriteLine($"ENGINE EMULATOR ({flavor}, in memory) - NOT a real Elasticsearch/OpenSearch - on {emulator.Url}, repository '{repository}'. Ctrl+C stops it.");

        // Ctrl+C and SIGTERM (a script or a container stopping it) both end it; its own web host would swallow SIGTERM.
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the emulator is disposed on the way out.
        }

        return 0;
    }
}
