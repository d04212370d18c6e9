using System.Globalization;

namespace Backup.EngineEmulator.Platform;

/// <summary>The sandbox's emulated Zeebe and Optimize, when their ports are given; nothing otherwise.</summary>
internal sealed class PlatformEmulators : IAsyncDisposable
{
    private readonly ZeebeGatewayEmulator? _zeebe;
    private readonly OptimizeEmulator? _optimize;

    private PlatformEmulators(ZeebeGatewayEmulator? zeebe, OptimizeEmulator? optimize)
    {
        _zeebe = zeebe;
        _optimize = optimize;
    }

    public static async Task<PlatformEmulators> StartAsync(IReadOnlyDictionary<string, string> options, EngineEmulator engine)
    {
        var line = options.GetValueOrDefault("camunda", "8.7").StartsWith("8.8", StringComparison.Ordinal) ? "8.8" : "8.7";
        ZeebeGatewayEmulator? zeebe = null;
        OptimizeEmulator? optimize = null;
        if (options.TryGetValue("zeebe-port", out var zeebePort))
        {
            engine.CreateIndices("zeebe-record_process-instance_8.7.0_2026-11-29");
            zeebe = await ZeebeGatewayEmulator.StartAsync(line, port: int.Parse(zeebePort, CultureInfo.InvariantCulture));
            Console.WriteLine($"ZEEBE EMULATOR ({line} management port) on {zeebe.Url}");
        }

        if (options.TryGetValue("optimize-port", out var optimizePort))
        {
            optimize = await OptimizeEmulator.StartAsync(
                engine.Url, options.GetValueOrDefault("repository", "camunda_backup"), port: int.Parse(optimizePort, CultureInfo.InvariantCulture));
            Console.WriteLine($"OPTIMIZE EMULATOR (backup API) on {optimize.Url}");
        }

        return new PlatformEmulators(zeebe, optimize);
    }

    public async ValueTask DisposeAsync()
    {
        if (_zeebe is not null)
        {
            await _zeebe.DisposeAsync();
        }

        if (_optimize is not null)
        {
            await _optimize.DisposeAsync();
        }
    }
}
