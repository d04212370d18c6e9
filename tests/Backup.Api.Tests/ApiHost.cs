using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace Backup.Api.Tests;

/// <summary>The real service in memory, with the engine port replaced by a mock that records what it was asked.</summary>
internal sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiHost(Dictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Backup:RepositoryName"] = "camunda_backup",
            ["Database:Url"] = "http://127.0.0.1:1/",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        Engine.Setup(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([]));
        Engine.Setup(e => e.GetRunningSnapshotsAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([]));
    }

    public Mock<ISnapshotRepository> Engine { get; } = new();

    /// <summary>Matches a selection by the engine expression it stands for, so that tests say what the engine is asked.</summary>
    public static SnapshotSelection Selecting(string pattern) => Match.Create<SnapshotSelection>(s => s.Pattern == pattern);

    /// <summary>The least level <see cref="Logs"/> collects.</summary>
    public LogLevel LeastCollected { get; init; } = LogLevel.Warning;

    /// <summary>What the service logged, from <see cref="LeastCollected"/> up.</summary>
    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>Whether anything was created or deleted in the engine.</summary>
    public void VerifyNothingChanged()
    {
        Engine.Verify(e => e.CreateSnapshotAsync(It.IsAny<SnapshotRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        Engine.Verify(e => e.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>
    /// Whether a request reached the engine at all: a refused request reads nothing. The background scans' name-only
    /// listings (verbose false) and running-snapshot reads are theirs, not the request's.
    /// </summary>
    public void VerifyNothingRead()
    {
        Engine.Verify(e => e.GetSnapshotAsync(It.IsAny<SnapshotName>(), It.IsAny<CancellationToken>()), Times.Never);
        Engine.Verify(e => e.GetSnapshotProgressAsync(It.IsAny<SnapshotName>(), It.IsAny<CancellationToken>()), Times.Never);
        Engine.Verify(e => e.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Engine.Verify(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), true, It.IsAny<CancellationToken>()), Times.Never);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton(Engine.Object));
        builder.ConfigureLogging(logging => logging.AddFakeLogging(options =>
        {
            foreach (var level in Enum.GetValues<LogLevel>().Where(l => l >= LeastCollected && l != LogLevel.None))
            {
                options.FilteredLevels.Add(level);
            }
        }));
    }
}
