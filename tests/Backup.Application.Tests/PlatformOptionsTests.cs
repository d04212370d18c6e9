using Backup.Application.Platform;
using Backup.Domain.Platform;

namespace Backup.Application.Tests;

public sealed class PlatformOptionsTests
{
    private static PlatformOptions Valid87() => new()
    {
        Version = "8.7",
        Zeebe = new() { Url = "http://gateway:9600" },
        Operate = new() { Url = "http://operate:9600" },
        Tasklist = new() { Url = "http://tasklist:9600" },
        Optimize = new() { Url = "none" },
    };

    private static List<string> Problems(PlatformOptions options) =>
        new PlatformOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Test]
    public void Platform_backups_are_off_without_a_version_and_a_complete_87_section_is_valid_with_optimize_left_out_explicitly()
    {
        Assert.That(Problems(new PlatformOptions()), Is.Empty);
        Assert.That(Problems(Valid87()), Is.Empty);
        Assert.That(Valid87().Deployed, Is.EqualTo(new[] { PlatformComponent.Zeebe, PlatformComponent.Operate, PlatformComponent.Tasklist }));
    }

    [TestCase("Optimize", null, "Platform:Optimize:Url is not set: give Optimize's management URL, or 'none' if it is not deployed")]
    [TestCase("Zeebe", "none", "Platform:Zeebe:Url cannot be 'none'")]
    [TestCase("Operate", "operate:9600", "Platform:Operate:Url 'operate:9600' is not an http(s) URL")]
    [TestCase("Tasklist", "http://user:secret@tasklist:9600", "is not an http(s) URL without credentials in it")]
    [TestCase("Webapps", "http://camunda:9600", "Platform:Webapps:Url is 8.8's unified app")]
    public void A_missing_or_wrong_component_is_named_with_its_key(string component, string? url, string problem)
    {
        var options = Valid87();
        options.Endpoint(Enum.Parse<PlatformComponent>(component)).Url = url;
        Assert.That(Problems(options), Has.One.StartsWith(problem).Or.One.Contains(problem));
    }

    [Test]
    public void On_88_operate_and_tasklist_are_the_unified_apps_and_a_bad_version_line_is_refused()
    {
        var options = Valid87();
        options.Version = "8.8";
        Assert.That(Problems(options), Has.Some.StartsWith("Platform:Webapps:Url is not set"));
        Assert.That(Problems(options), Has.Some.StartsWith("Platform:Operate:Url: with Platform:Version 8.8"));
        Assert.That(Problems(new PlatformOptions { Version = "8.5" }), Is.EqualTo(new[] { "Platform:Version '8.5' is not a supported version line: use 8.6, 8.7 or 8.8" }));
        Assert.That(Problems(new PlatformOptions { Zeebe = new() { Url = "http://gateway:9600" } }), Has.One.Contains("set but Platform:Version is not"));
    }
}
