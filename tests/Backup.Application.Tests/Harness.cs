using Backup.Application.Backups.Taking;
using Backup.Application.Observing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Backup.Application.Tests;

/// <summary>The use cases' collaborators, wired as the service wires them, over a <see cref="Port"/> and a fake clock.</summary>
internal sealed class Harness : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public Harness(string? repository = "camunda_backup", DateTimeOffset? start = null)
    {
        Clock = new SteppingClock(start);
        Options = Microsoft.Extensions.Options.Options.Create(new BackupOptions { RepositoryName = repository });
        Port = new Port(Clock);
        Metrics = new BackupMetrics(Meters, Options, Clock);
        Driver = new BackupDriver(Port.Object, Options, Clock, Metrics, this, NullLogger<BackupDriver>.Instance);
        InProgress = new BackupsInProgress(Port.Object, Options, Clock);
        Rivals = new RivalBackups(InProgress, Port.Object, Options, Clock, NullLogger<RivalBackups>.Instance);
        Drives = new BackupDrives(Driver, this, NullLogger<BackupDrives>.Instance);
        Scan = new InterruptedBackupScan(Drives, InProgress, Port.Object, Options, Clock, NullLogger<InterruptedBackupScan>.Instance);
    }

    public SteppingClock Clock { get; }

    public IOptions<BackupOptions> Options { get; }

    public Port Port { get; }

    public TestMeterFactory Meters { get; } = new();

    public BackupMetrics Metrics { get; }

    public BackupDriver Driver { get; }

    public BackupsInProgress InProgress { get; }

    public RivalBackups Rivals { get; }

    public BackupDrives Drives { get; }

    public InterruptedBackupScan Scan { get; }

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
        Scan.Dispose();
        InProgress.Dispose();
        _stopping.Dispose();
        Meters.Dispose();
    }
}
