using System.Diagnostics;
using static Backup.EngineEmulator.EngineFlavor;

namespace Backup.EngineEmulator.Tests;

/// <summary>
/// The emulator's answering time is what the bench subtracts from a service call: answers that overlap must count
/// once, or a service asking two things at once would be credited with the engine's time twice.
/// </summary>
public sealed class AnsweringTimeTests
{
    private static readonly TimeSpan Held = TimeSpan.FromMilliseconds(300);

    [Test]
    public async Task Two_answers_held_open_together_count_once()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        using var hold = new Hold(engine.Emulator, requests: 2);
        var before = engine.Emulator.AnsweringTime;
        var window = Stopwatch.StartNew();

        var held = await hold.AnswerAsync(engine.Http, engine.Http);
        window.Stop();

        var answering = engine.Emulator.AnsweringTime - before;
        Assert.That(answering, Is.GreaterThanOrEqualTo(held), "both were being answered all that time");
        Assert.That(answering, Is.LessThanOrEqualTo(window.Elapsed), "summed, two answers held open together would count twice");
    }

    [Test]
    public async Task Answers_one_after_another_add_up()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        var before = engine.Emulator.AnsweringTime;

        TimeSpan heldInAll = default;
        for (var i = 0; i < 2; i++)
        {
            using var hold = new Hold(engine.Emulator, requests: 1);
            heldInAll += await hold.AnswerAsync(engine.Http);
        }

        Assert.That(engine.Emulator.AnsweringTime - before, Is.GreaterThanOrEqualTo(heldInAll));
    }

    /// <summary>Keeps requests inside the emulator, all of them at once, for <see cref="Held"/>, then lets them answer.</summary>
    private sealed class Hold : IDisposable
    {
        private readonly EngineEmulator _emulator;
        private readonly CountdownEvent _inside;
        private readonly ManualResetEventSlim _release = new();

        public Hold(EngineEmulator emulator, int requests)
        {
            _emulator = emulator;
            _inside = new CountdownEvent(requests);
            emulator.Faults.Only = _ =>
            {
                _inside.Signal();
                _release.Wait();
                return false;
            };
        }

        /// <summary>Sends one request per client; answers how long all of them were inside at once, for sure.</summary>
        public async Task<TimeSpan> AnswerAsync(params HttpClient[] clients)
        {
            var answers = clients.Select(c => c.GetAsync("")).ToList();
            await Task.Run(() => _inside.Wait());
            var together = Stopwatch.StartNew();
            await Task.Delay(Held);
            together.Stop();
            _release.Set();
            foreach (var answer in await Task.WhenAll(answers))
            {
                answer.Dispose();
            }

            return together.Elapsed;
        }

        public void Dispose()
        {
            _emulator.Faults.Only = null;
            _inside.Dispose();
            _release.Dispose();
        }
    }
}
