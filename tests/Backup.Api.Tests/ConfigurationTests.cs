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
        var check = ContainerCheck.Read(With());

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

    [TestCase("Backup:Component", "optimize", "Backup:Component must be operate, tasklist or webapps, not 'optimize'")]
    [TestCase("Database:Type", "solr", "Database:Type must be elasticsearch or opensearch, not 'solr'")]
    [TestCase("Database:Type", "elastic", "Database:Type must be elasticsearch or opensearch, not 'elastic'")]
    [TestCase("Backup:Version", "8.7.0_beta", "Backup:Version '8.7.0_beta' cannot be written into a snapshot name")]
    [TestCase("Backup:Version", "8.7.0-SNAPSHOT", "cannot be written into a snapshot name")]
    [TestCase("Backup:IndexPrefix", "Operate", "Backup:IndexPrefix 'Operate' is not a valid index prefix")]
    [TestCase("Backup:Version", "8.7.0\n", "cannot be written into a snapshot name")]
    [TestCase("Backup:IndexPrefix", "operate\n", "is not a valid index prefix")]
    [TestCase("Backup:IndexPrefix", "operate*", "is not a valid index prefix")]
    [TestCase("Backup:IndexPrefix", "operate,tasklist", "is not a valid index prefix")]
    [TestCase("Backup:IndexPrefix", "tasklist", "Backup:IndexPrefix 'tasklist' is tasklist's, not operate's")]
    [TestCase("Backup:IndexPrefix", "tasklist-prod", "is tasklist's, not operate's")]
    [TestCase("Backup:RepositoryName", "backups\n", "Backup:RepositoryName must be the name of one snapshot repository")]
    [TestCase("Backup:RepositoryName", "backups,other", "Backup:RepositoryName must be the name of one snapshot repository")]
    [TestCase("Backup:RepositoryName", "*", "Backup:RepositoryName must be the name of one snapshot repository")]
    [TestCase("Backup:RepositoryName", "../_all", "Backup:RepositoryName must be the name of one snapshot repository")]
    [TestCase("Backup:IncompleteCheckTimeout", "-00:01:00", "Backup:IncompleteCheckTimeout must be positive")]
    [TestCase("Database:Url", "localhost:9200", "Database:Url must be an absolute http or https URL")]
    [TestCase("Database:RequestTimeout", "00:00:00", "Database:RequestTimeout must be positive")]
    [TestCase("Management:Server:Port", "96000", "Management:Server:Port must be a port number")]
    [TestCase("Management:Server:Address", "somewhere", "Management:Server:Address must be an IP address")]
    public void A_bad_setting_is_one_problem_that_names_it(string key, string value, string problem)
    {
        var check = ContainerCheck.Read(With((key, value)));

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.Contain(problem));
    }

    private const string GoodKey = "0123456789abcdef";

    /// <summary>Each would have left the port open: the binder dropped the entry, and no entry meant no authentication.</summary>
    [TestCase("ApiKeys:0:Rights", "ReadWrite", "Management:Auth:ApiKeys:0:Rights must be exactly Read or Write")]
    [TestCase("ApiKeys:0:Rights", "Admin", "Management:Auth:ApiKeys:0:Rights must be exactly Read or Write")]
    [TestCase("ApiKeys:0:Rights", "Read, Write", "Management:Auth:ApiKeys:0:Rights must be exactly Read or Write")]
    [TestCase("ApiKeys:0:Rights", "7", "Management:Auth:ApiKeys:0:Rights must be exactly Read or Write")]
    [TestCase("ApiKeys:0:Right", "Write", "Management:Auth:ApiKeys:0:Right is not a setting")]
    [TestCase("ApiKeys:0:Name", "", "Management:Auth:ApiKeys:0:Name is missing")]
    [TestCase("ApiKeys:0:Key", "", "Management:Auth:ApiKeys:0:Key is missing")]
    [TestCase("ApiKeys:0:Key", "0123456789abcde", "Management:Auth:ApiKeys:0:Key must be at least 16 characters long")]
    [TestCase("Users:0:Password", "0123456789abcde", "Management:Auth:Users:0:Password must be at least 16 characters long")]
    [TestCase("Users:0:Username", "", "Management:Auth:Users:0:Username is missing")]
    [TestCase("Users:0:Rights", "write ", "Management:Auth:Users:0:Rights must be exactly Read or Write")]
    [TestCase("ApiKey:0:Key", GoodKey, "Management:Auth:ApiKey is not a setting")]
    public void An_auth_entry_that_does_not_load_as_written_stops_start_up(string key, string value, string problem)
    {
        var settings = new Dictionary<string, string>
        {
            ["ApiKeys:0:Name"] = "cron",
            ["ApiKeys:0:Key"] = GoodKey,
            ["ApiKeys:0:Rights"] = "Write",
            ["Users:0:Username"] = "ops",
            ["Users:0:Password"] = GoodKey,
            ["Users:0:Rights"] = "Read",
            [key] = value,
        };

        var check = ContainerCheck.Read(With([.. settings.Select(s => ("Management:Auth:" + s.Key, s.Value))]));

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.StartWith(problem));
    }

    [TestCase("Management:Auht:ApiKeys:0:Key", GoodKey, "Management:Auht is not a setting: Management takes Server, Auth")]
    [TestCase("Management:Server:Adress", "127.0.0.1", "Management:Server:Adress is not a setting")]
    [TestCase("Management:Auth", "", "Management:Auth is present but holds no API key or user")]
    [TestCase("Management:Auth:ApiKeys", "", "Management:Auth is present but holds no API key or user")]
    public void A_misspelt_or_empty_auth_section_stops_start_up(string key, string value, string problem)
    {
        var check = ContainerCheck.Read(With((key, value)));

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.Contain(problem));
    }

    [TestCase("Database:Url", "http://elastic:hunter2@search.internal:9200")]
    [TestCase("Database:Url", "https://elastic@search.internal:9200/")]
    [TestCase("Database:Url", "elastic:hunter2@search.internal:9200")]
    [TestCase("CAMUNDA_OPERATE_ELASTICSEARCH_URL", "http://elastic:hunter2@search.internal:9200")]
    public void Engine_credentials_in_the_url_stop_start_up_without_being_shown(string key, string url)
    {
        var configuration = With((key, url));
        configuration.AddLegacyKeys();

        var check = ContainerCheck.Read(configuration);

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.Contain("carries credentials").And.Contain("Database:Username"));
        Assert.That(check.Problems[0], Does.Not.Contain("hunter2").And.Not.Contain("elastic@"));
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
        var check = ContainerCheck.Read(configuration);

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
        var check = ContainerCheck.Read(configuration);

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

        Assert.That(ContainerCheck.Read(configuration).Backup.RepositoryName, Is.EqualTo("mine"));
    }

    [Test]
    public void Webapps_is_chosen_explicitly_with_no_index_prefix_and_8_8_in_snapshot_names()
    {
        var check = ContainerCheck.Read(With(("Backup:Component", "webapps")));

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.Backup.Component, Is.EqualTo(Component.Webapps));
            Assert.That(check.Backup.EffectiveIndexPrefix, Is.Empty);
            Assert.That(check.Backup.IndexExpression, Is.EqualTo("operate-*,tasklist-*,camunda-*"));
            Assert.That(check.Backup.EffectiveVersion, Is.EqualTo("8.8.0"));
        });
    }

    [TestCase("CAMUNDA_DATA_BACKUP_REPOSITORYNAME", "CAMUNDA_DATA_BACKUP_INCOMPLETECHECKTIMEOUT")]
    [TestCase("camunda.data.backup.repository-name", "camunda.data.backup.incomplete-check-timeout")]
    public void The_8_8_keys_carry_over_and_choose_webapps(string repositoryKey, string timeoutKey)
    {
        var configuration = With((repositoryKey, "webapps_backups"), (timeoutKey, "3m"));

        configuration.AddLegacyKeys();
        var check = ContainerCheck.Read(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.Backup.Component, Is.EqualTo(Component.Webapps));
            Assert.That(check.Backup.RepositoryName, Is.EqualTo("webapps_backups"));
            Assert.That(check.Backup.IncompleteCheckTimeout, Is.EqualTo(TimeSpan.FromMinutes(3)));
        });
    }

    [TestCase("3m", 180_000)]
    [TestCase("90s", 90_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("250ms", 250)]
    [TestCase("2000", 2_000)]
    [TestCase("PT2M30S", 150_000)]
    public void The_8_8_timeout_reads_as_a_spring_duration(string value, int milliseconds)
    {
        var configuration = With(("camunda.data.backup.incomplete-check-timeout", value));

        configuration.AddLegacyKeys();

        Assert.That(ContainerCheck.Read(configuration).Backup.IncompleteCheckTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Test]
    public void A_timeout_that_is_no_duration_stops_start_up()
    {
        var configuration = With(("camunda.data.backup.incomplete-check-timeout", "3 minutes"));

        configuration.AddLegacyKeys();

        Assert.That(ContainerCheck.Read(configuration).Problems, Is.Not.Empty);
    }

    [TestCase("CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME", "other", "camunda.operate.backup.repositoryName 'other' disagrees with camunda.data.backup.repository-name 'webapps_backups'")]
    [TestCase("camunda.tasklist.backup.repositoryName", "other", "camunda.tasklist.backup.repositoryName 'other' disagrees")]
    public void A_legacy_key_that_disagrees_with_the_8_8_key_stops_start_up_with_one_line(string key, string value, string problem)
    {
        var configuration = With(("CAMUNDA_DATA_BACKUP_REPOSITORYNAME", "webapps_backups"), (key, value));

        configuration.AddLegacyKeys();
        var check = ContainerCheck.Read(configuration);

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.Contain(problem));
    }

    [Test]
    public void Legacy_keys_that_agree_with_the_8_8_keys_are_fine()
    {
        var configuration = With(
            ("CAMUNDA_DATA_BACKUP_REPOSITORYNAME", "webapps_backups"),
            ("CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME", "webapps_backups"),
            ("CAMUNDA_DATA_BACKUP_INCOMPLETECHECKTIMEOUT", "10m"),
            ("CAMUNDA_TASKLIST_BACKUP_INCOMPLETECHECKTIMEOUTINSECONDS", "600"));

        configuration.AddLegacyKeys();

        Assert.That(ContainerCheck.Read(configuration).Problems, Is.Empty);
    }
}
