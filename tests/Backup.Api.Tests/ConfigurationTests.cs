using Backup.Api.Configuration;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.Configuration;

namespace Backup.Api.Tests;

public sealed class ConfigurationTests
{
    private static ConfigurationManager With(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return configuration;
    }

    [Test]
    public void The_defaults_are_the_originals()
    {
        var check = StartupCheck.Read(With());

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.Port, Is.EqualTo(9600));
            Assert.That(check.Backup.Component, Is.EqualTo(Component.Operate));
            Assert.That(check.Backup.EffectiveIndexPrefix, Is.EqualTo("operate"));
            Assert.That(check.Backup.IncompleteCheckTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(check.Database.Type, Is.EqualTo(DatabaseType.Elasticsearch));
            Assert.That(check.Database.Url, Is.EqualTo(new Uri("http://localhost:9200")));
            Assert.That(check.Auth.IsEnabled, Is.False);
        });
    }

    [TestCase("Backup:Component", "optimize", "Backup:Component must be operate or tasklist, not 'optimize'")]
    [TestCase("Database:Type", "solr", "Database:Type must be elasticsearch or opensearch, not 'solr'")]
    [TestCase("Database:Type", "elastic", "Database:Type must be elasticsearch or opensearch, not 'elastic'")]
    [TestCase("Backup:Version", "8.7.0_beta", "Backup:Version '8.7.0_beta' cannot be written into a snapshot name")]
    [TestCase("Backup:Version", "8.7.0-SNAPSHOT", "cannot be written into a snapshot name")]
    [TestCase("Backup:IndexPrefix", "Operate", "Backup:IndexPrefix 'Operate' is not a valid index prefix")]
    [TestCase("Backup:IncompleteCheckTimeout", "-00:01:00", "Backup:IncompleteCheckTimeout must be positive")]
    [TestCase("Database:Url", "localhost:9200", "Database:Url must be an absolute http or https URL")]
    [TestCase("Database:RequestTimeout", "00:00:00", "Database:RequestTimeout must be positive")]
    [TestCase("Management:Server:Port", "96000", "Management:Server:Port must be a port number")]
    [TestCase("Management:Server:Address", "somewhere", "Management:Server:Address must be an IP address")]
    [TestCase("Management:Auth:ApiKeys:0:Key", "short", "every Key must be at least 16 characters long")]
    public void A_bad_setting_is_one_problem_that_names_it(string key, string value, string problem)
    {
        var check = StartupCheck.Read(With((key, value)));

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.Contain(problem));
    }

    [Test]
    public void The_originals_environment_keys_carry_over()
    {
        var configuration = With(
            ("CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME", "prod_backups"),
            ("CAMUNDA_OPERATE_BACKUP_INCOMPLETECHECKTIMEOUTINSECONDS", "600"),
            ("CAMUNDA_OPERATE_DATABASE", "opensearch"),
            ("CAMUNDA_OPERATE_OPENSEARCH_URL", "https://search.internal:9200"),
            ("MANAGEMENT_SERVER_PORT", "9700"));

        configuration.AddLegacyKeys();
        var check = StartupCheck.Read(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.Backup.RepositoryName, Is.EqualTo("prod_backups"));
            Assert.That(check.Backup.IncompleteCheckTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(check.Database.Type, Is.EqualTo(DatabaseType.OpenSearch));
            Assert.That(check.Database.Url, Is.EqualTo(new Uri("https://search.internal:9200")));
            Assert.That(check.Port, Is.EqualTo(9700));
        });
    }

    [Test]
    public void The_originals_dotted_keys_carry_over_and_a_tasklist_deployment_is_recognised()
    {
        var configuration = With(
            ("camunda.tasklist.backup.repositoryName", "tasklist_backups"),
            ("management.server.port", "9601"));

        configuration.AddLegacyKeys();
        var check = StartupCheck.Read(configuration);

        Assert.That(check.Backup.Component, Is.EqualTo(Component.Tasklist));
        Assert.That(check.Backup.RepositoryName, Is.EqualTo("tasklist_backups"));
        Assert.That(check.Port, Is.EqualTo(9601));
    }

    [Test]
    public void This_services_own_key_wins_over_the_originals()
    {
        var configuration = With(
            ("Backup:RepositoryName", "mine"),
            ("CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME", "theirs"));

        configuration.AddLegacyKeys();

        Assert.That(StartupCheck.Read(configuration).Backup.RepositoryName, Is.EqualTo("mine"));
    }
}
