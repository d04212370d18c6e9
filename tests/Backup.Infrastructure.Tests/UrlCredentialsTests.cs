using Backup.Infrastructure.SnapshotApi;

namespace Backup.Infrastructure.Tests;

public sealed class UrlCredentialsTests
{
    [TestCase("http://user:pass@host:9200", "http://***@host:9200")]
    [TestCase("https://user@host:9200/prefix", "https://***@host:9200/prefix")]
    [TestCase("http://user:p%40ss@host:9200/", "http://***@host:9200/")]
    [TestCase("user:pass@host:9200", "***@host:9200")]
    public void Credentials_in_a_url_are_hidden(string url, string shown)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);

        Assert.That(UrlCredentials.Hide(uri), Is.EqualTo(shown));
        Assert.That(UrlCredentials.AreIn(uri), Is.True);
    }

    [TestCase("http://host:9200")]
    [TestCase("https://host:9200/path@not-credentials")]
    [TestCase("http://host:9200/?q=a@b")]
    public void A_url_without_credentials_is_shown_as_written(string url)
    {
        var uri = new Uri(url);

        Assert.That(UrlCredentials.Hide(uri), Is.EqualTo(url));
        Assert.That(UrlCredentials.AreIn(uri), Is.False);
    }
}
