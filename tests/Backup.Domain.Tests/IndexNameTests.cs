namespace Backup.Domain.Tests;

public sealed class IndexNameTests
{
    [TestCase("operate", "operate-list-view-8.3.0_", "list-view", "8.3.0", "")]
    [TestCase("operate", "operate-list-view-8.3.0_2024-01-15", "list-view", "8.3.0", "2024-01-15")]
    [TestCase("operate", "operate-user-task-8.5.0_", "user-task", "8.5.0", "")]
    [TestCase("operate", "operate-user-1.2.0_", "user", "1.2.0", "")]
    [TestCase("tasklist", "tasklist-draft-task-variable-8.3.0_", "draft-task-variable", "8.3.0", "")]
    [TestCase("my-prefix", "my-prefix-import-position-8.3.0_", "import-position", "8.3.0", "")]
    public void Reads_name_schema_version_and_date(string prefix, string text, string name, string version, string suffix)
    {
        Assert.That(IndexName.TryParse(prefix, text, out var index), Is.True);
        Assert.That((index.Name, index.SchemaVersion, index.Suffix, index.IsDatedCopy), Is.EqualTo((name, version, suffix, suffix.Length > 0)));
    }

    [TestCase("operate", "tasklist-task-8.5.0_")]
    [TestCase("operate", "operateextra-list-view-8.3.0_")]
    [TestCase("operate", "operate-list-view")]
    [TestCase("operate", "operate-list-view-8.3_")]
    [TestCase("operate", "operate-list-view-8.3.0")]
    [TestCase("operate", "operate-list-view-8.3.0_\n")]
    [TestCase("operate", "operate-list-view-8.3.0_*")]
    [TestCase("operate", "operate-list-view-8.3.0_,operate-customer-important")]
    [TestCase("operate", "operate-list-view-8.3.0_2024 01")]
    public void Does_not_read_other_names(string prefix, string text)
    {
        Assert.That(IndexName.TryParse(prefix, text, out _), Is.False);
    }
}
