using System.Text.Json.Nodes;

namespace Backup.Api.Tests;

/// <summary>The runtime settings the service ships with (docs/performance.md says what each is for and what it measured).</summary>
public sealed class RuntimeConfigurationTests
{
    private static JsonNode ShippedSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Backup.Api.runtimeconfig.json");
        return JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;
    }

    [Test]
    public void The_young_generation_is_capped_at_8_MB_whatever_cache_the_CPU_reports() =>
        Assert.That((long?)ShippedSettings()["System.GC.Gen0MaxBudget"], Is.EqualTo(8L * 1024 * 1024));

    [Test]
    public void Idle_thread_pool_workers_sleep_without_spinning() =>
        Assert.That((int?)ShippedSettings()["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"], Is.Zero);

    [Test]
    public void The_collector_is_the_workstation_one() =>
        Assert.That((bool?)ShippedSettings()["System.GC.Server"], Is.False);
}
