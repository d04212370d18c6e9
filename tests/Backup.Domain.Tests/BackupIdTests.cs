namespace Backup.Domain.Tests;

public sealed class BackupIdTests
{
    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(1700000000L)]
    [TestCase(long.MaxValue)]
    public void A_non_negative_integer_is_a_backup_id_zero_included_as_in_the_original(long value)
    {
        Assert.That(BackupId.Create(value).Value.Value, Is.EqualTo(value));
    }

    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    public void Negatives_are_refused_with_the_value(long value)
    {
        var id = BackupId.Create(value);

        Assert.That(id.Error!.Kind, Is.EqualTo(ErrorKind.Invalid));
        Assert.That(id.Error.Message, Does.StartWith($"BackupId must be a non-negative Long. Received value: {value}. "));
    }

    [TestCase(Component.Operate, "BackupId must be a non-negative Integer. Received value: -1. ")]
    [TestCase(Component.Tasklist, "BackupId must be a non-negative Long. Received value: -1. ")]
    public void The_refusal_is_in_the_components_own_words(Component component, string start)
    {
        Assert.That(BackupId.Refused("-1", component).Message, Does.StartWith(start));
    }

    [TestCase(-3L, Component.Operate, "BackupId must be a non-negative Integer. Received value: -3. ")]
    [TestCase(-3L, Component.Tasklist, "BackupId must be a non-negative Long. Received value: -3. ")]
    [TestCase(0L, Component.Webapps, "BackupId must be a non-negative Integer. Received value: 0. ")]
    public void A_component_refuses_an_id_it_does_not_take_in_its_own_words(long id, Component component, string start)
    {
        Assert.That(BackupId.Create(id, ComponentProfile.For(component)).Error!.Message, Does.StartWith(start));
    }

    [TestCase("0", Component.Webapps, "BackupId must be a non-negative Integer. Received value: 0. ")]
    [TestCase("00", Component.Webapps, "BackupId must be a non-negative Integer. Received value: 00. ")]
    [TestCase("x", Component.Tasklist, "BackupId must be a non-negative Long. Received value: x. ")]
    public void A_component_refuses_a_path_id_it_does_not_take_with_the_text_as_received(string text, Component component, string start)
    {
        Assert.That(BackupId.Parse(text, ComponentProfile.For(component)).Error!.Message, Does.StartWith(start));
    }

    [Test]
    public void Operate_takes_id_zero_as_the_87_original_did()
    {
        Assert.That(BackupId.Create(0, ComponentProfile.Operate).Value.Value, Is.Zero);
    }

    [TestCase("123", 123L)]
    [TestCase("007", 7L)]
    public void Reads_digits_from_a_path(string text, long value)
    {
        Assert.That(BackupId.Parse(text).Value.Value, Is.EqualTo(value));
    }

    [TestCase("abc")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase(" 1")]
    [TestCase("1.0")]
    [TestCase("1e3")]
    [TestCase("12*")]
    [TestCase("1,2")]
    [TestCase("99999999999999999999")]
    [TestCase("")]
    [TestCase(null)]
    public void Refuses_anything_but_digits_from_a_path(string? text)
    {
        Assert.That(BackupId.Parse(text).Error!.Message, Does.StartWith("BackupId must be a non-negative Long. Received value: "));
    }
}
