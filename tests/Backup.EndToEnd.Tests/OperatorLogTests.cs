using System.Collections.Concurrent;
using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backup.EndToEnd.Tests;

/// <summary>What the service's log tells an operator: an engine outage once, not a stack trace per retry.</summary>
public sealed class OperatorLogTests
{
    [Test]
    public async Task An_engine_outage_is_logged_once_when_it_starts_and_once_when_it_ends_without_stack_traces()
    {
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        var emulator = engine.Emulator ?? throw new IgnoreException("Taking the engine away needs the emulator.");
        await engine.SeedAsync(Component.Operate);
        var log = new LogCapture();
        await using var service = ServiceHost.Start(engine, Component.Operate, s => s["Logging:LogLevel:Default"] = "Information",
            services => services.AddSingleton<ILoggerProvider>(log));

        await emulator.RefuseConnectionsAsync();
        for (var call = 0; call < 5; call++)
        {
            using var failed = await service.ListAsync();
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        }

        await emulator.AcceptConnectionsAsync();
        using (var answered = await service.ListAsync())
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var outage = log.Entries.Where(e => e.Message.Contains(engine.Url.ToString(), StringComparison.Ordinal)).ToList();
        Assert.That(outage.Where(e => e.Message.Contains("cannot be reached", StringComparison.Ordinal)).Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Warning }),
            string.Join("\n", log.Entries));
        Assert.That(outage.Single(e => e.Message.Contains("cannot be reached", StringComparison.Ordinal)).Message, Does.Contain("Connection refused"));
        Assert.That(outage.Count(e => e.Message.Contains("answers again, after", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", log.Entries));
        Assert.That(log.Entries.Where(e => e.Level >= LogLevel.Error || e.HasException), Is.Empty, "no error or stack trace per failed call");
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, bool HasException)
    {
        public override string ToString() => $"{Level} {Category}: {Message}";
    }

    /// <summary>Every log entry the service writes, as its console would show it, filtered by its configured levels.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception is not null));
        }
    }
}
