using NetArchTest.Rules;

namespace Backup.Api.Tests;

/// <summary>Dependencies point inward: Api → Application → Domain; Infrastructure → Application → Domain.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(Domain.BackupId).Assembly;
    private static readonly System.Reflection.Assembly Application = typeof(Application.BackupOptions).Assembly;

    [Test]
    public void The_rules_see_the_layers_types()
    {
        Assert.That(Types.InAssembly(Domain).GetTypes(), Has.Exactly(1).Matches<Type>(t => t.Name == "BackupPlan"));
        Assert.That(Types.InAssembly(Application).That().HaveDependencyOn("Backup.Domain").GetTypes(), Is.Not.Empty);
    }

    [Test]
    public void The_domain_depends_on_no_other_layer_and_no_framework()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("Backup.Application", "Backup.Infrastructure", "Backup.Api", "Microsoft", "System.Net.Http", "System.Text.Json", "Mediator", "FluentValidation")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void The_application_never_sees_http_json_or_an_adapter()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("Backup.Infrastructure", "Backup.Api", "System.Net.Http", "System.Text.Json", "Microsoft.AspNetCore")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Only_the_api_knows_how_metrics_are_exported()
    {
        var result = Types.InAssemblies([Domain, Application, typeof(Infrastructure.SnapshotApi.DatabaseOptions).Assembly])
            .ShouldNot().HaveDependencyOnAny("OpenTelemetry", "Prometheus")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void The_adapters_do_not_reach_the_api()
    {
        var result = Types.InAssemblies([typeof(Infrastructure.SnapshotApi.DatabaseOptions).Assembly])
            .ShouldNot().HaveDependencyOn("Backup.Api")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }
}
