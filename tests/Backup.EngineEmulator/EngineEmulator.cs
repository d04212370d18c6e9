using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Backup.EngineEmulator;

/// <summary>
/// An in-memory Elasticsearch / OpenSearch that answers the snapshot REST API on a loopback port, in one flavour's
/// wire format, with switches to make it misbehave. It is a test double, never a place to keep data.
/// </summary>
public sealed class EngineEmulator : IAsyncDisposable
{
    private readonly EngineState _state;
    private readonly List<RecordedRequest> _requests = [];
    private readonly EngineRest _rest;
    private readonly int _port;
    private readonly X509Certificate2? _certificate;
    private WebApplication? _app;

    private EngineEmulator(EngineFlavor flavor, TimeProvider time, int port, X509Certificate2? certificate)
    {
        Flavor = flavor;
        _state = new EngineState(time);
        _rest = new EngineRest(flavor, _state, Faults, _requests);
        _port = port;
        _certificate = certificate;
    }

    public Uri Url => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{_port}/");

    public EngineFlavor Flavor { get; }

    public EmulatorFaults Faults { get; } = new();

    /// <summary>
    /// The time during which the emulator was answering at least one request, each from its arrival until its answer
    /// is written, overlapping answers counted once: what a bench subtracts from the time of a service call to leave the
    /// service's own share, which is then the time the service kept its caller waiting with the engine idle.
    /// </summary>
    public TimeSpan AnsweringTime => _rest.AnsweringTime;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyCollection<string> IndexNames
    {
        get
        {
            lock (_state.Gate)
            {
                return [.. _state.Indices.Keys];
            }
        }
    }

    /// <summary>How long a new snapshot stays IN_PROGRESS, on the emulator's clock; zero: until the next read.</summary>
    public TimeSpan SnapshotDuration
    {
        get { lock (_state.Gate) { return _state.SnapshotDuration; } }
        set { lock (_state.Gate) { _state.SnapshotDuration = value; } }
    }

    /// <summary>The steps of the clock snapshots' start times come from; zero: every start at least 1 ms after the last.</summary>
    public TimeSpan StartClockStep
    {
        get { lock (_state.Gate) { return _state.StartClockStep; } }
        set { lock (_state.Gate) { _state.StartClockStep = value; } }
    }

    /// <summary>While true, every running snapshot stays IN_PROGRESS.</summary>
    public bool HoldSnapshots
    {
        get { lock (_state.Gate) { return _state.HoldSnapshots; } }
        set { lock (_state.Gate) { _state.HoldSnapshots = value; } }
    }

    /// <param name="certificate">When given, the emulator speaks HTTPS with this server certificate.</param>
    public static async Task<EngineEmulator> StartAsync(
        EngineFlavor flavor, TimeProvider? time = null, int port = 0, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        var emulator = new EngineEmulator(flavor, time ?? TimeProvider.System, port, certificate);
        var bound = await emulator.ListenAsync(port, cancellationToken);
        return bound == port ? emulator : await emulator.RebindAsync(bound, cancellationToken);
    }

    public void ClearRequests()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public void CreateRepository(string name)
    {
        lock (_state.Gate)
        {
            _state.Repositories.TryAdd(name, new Dictionary<string, EmulatedSnapshot>(StringComparer.Ordinal));
        }
    }

    public void CreateIndices(params string[] names)
    {
        lock (_state.Gate)
        {
            foreach (var name in names)
            {
                _state.Indices.TryAdd(name, Ids.New());
            }
        }
    }

    public IReadOnlyCollection<string> SnapshotNames(string repository)
    {
        lock (_state.Gate)
        {
            return _state.Repositories.TryGetValue(repository, out var snapshots) ? [.. snapshots.Keys] : [];
        }
    }

    public void CompleteSnapshot(string repository, string snapshot)
    {
        lock (_state.Gate)
        {
            var found = _state.Repositories[repository][snapshot];
            found.ForcedComplete = true;
            _state.Advance(found);
        }
    }

    /// <summary>What a snapshot of this name ends as (also one already running), from now on.</summary>
    public void SetOutcome(string snapshot, SnapshotOutcome outcome)
    {
        lock (_state.Gate)
        {
            _state.Outcomes[snapshot] = outcome;
        }
    }

    /// <summary>The snapshot vanishes, as if someone deleted it behind the service's back.</summary>
    public void LoseSnapshot(string repository, string snapshot)
    {
        lock (_state.Gate)
        {
            _state.Repositories[repository].Remove(snapshot);
        }
    }

    /// <summary>A finished snapshot made by someone else (SLM, by hand, an old backup); fast enough to seed thousands.</summary>
    public void AddSnapshot(
        string repository, string snapshot, IReadOnlyList<string> indices, SnapshotOutcome state, DateTimeOffset start,
        IReadOnlyDictionary<string, object?>? metadata = null)
    {
        lock (_state.Gate)
        {
            _state.Repositories[repository][snapshot] = new EmulatedSnapshot
            {
                Name = snapshot,
                Repository = repository,
                Indices = indices,
                Start = start,
                End = state == SnapshotOutcome.InProgress ? null : start.AddSeconds(1),
                State = state,
                Metadata = metadata is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(metadata) as System.Text.Json.Nodes.JsonObject,
            };
        }
    }

    /// <summary>Stops listening: connections to the port are refused until <see cref="AcceptConnectionsAsync"/>.</summary>
    public async Task RefuseConnectionsAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task AcceptConnectionsAsync()
    {
        if (_app is null)
        {
            await ListenAsync(_port, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await RefuseConnectionsAsync();

    private async Task<EngineEmulator> RebindAsync(int port, CancellationToken cancellationToken)
    {
        // Port 0 was asked for: keep the state, but remember the port the system chose, so a restart reuses it.
        var emulator = new EngineEmulator(Flavor, _state.Time, port, _certificate);
        await RefuseConnectionsAsync();
        await emulator.ListenAsync(port, cancellationToken);
        return emulator;
    }

    private async Task<int> ListenAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));
        var app = builder.Build();
        app.Run(_rest.HandleAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
