namespace Backup.Bench;

/// <summary>One goal of docs/performance.md, as this run measured it.</summary>
internal sealed record Goal(string Name, string Figure, string Bar, bool Met)
{
    public override string ToString() => $"{Name}: {Figure} (goal {Bar}) {(Met ? "met" : "MISSED")}";
}

/// <summary>The goals a run measured; <c>--check</c> makes a missed one the run's exit code.</summary>
internal sealed class Goals
{
    private readonly List<Goal> _goals = [];

    public void Add(Goal goal)
    {
        _goals.Add(goal);
        if (!goal.Met)
        {
            Console.WriteLine($"  missed: {goal}");
        }
    }

    /// <summary>Peak memory growth over a listing: at most twice the answer's size plus 10 MB.</summary>
    public static long MemoryBar(long answerBytes) => (2 * answerBytes) + (10L << 20);

    /// <summary>Prints every goal; the last line holds all the figures, and the exit code is 1 when a goal was missed.</summary>
    public int Report()
    {
        Console.WriteLine("## Goals");
        Console.WriteLine();
        _goals.ForEach(g => Console.WriteLine($"- {g}"));
        Console.WriteLine();
        var missed = _goals.Count(g => !g.Met);
        Console.WriteLine($"check: {_goals.Count - missed} of {_goals.Count} goals met; "
            + string.Join("; ", _goals.Select(g => $"{(g.Met ? "" : "MISSED ")}{g.Name} {g.Figure} ≤ {g.Bar}")));
        return missed == 0 ? 0 : 1;
    }
}
