namespace Backup.Bench;

/// <summary>
/// One call to the service, timed, with the emulator's own time answering the engine calls the service made for it:
/// the service's own share of that very call is the difference, with none of the engine's round-to-round variance in
/// it (a separate replay is a second, independent draw of the engine's time).
/// </summary>
internal readonly record struct ServiceCall(double Milliseconds, double EngineMilliseconds)
{
    public double OwnShare => Milliseconds - EngineMilliseconds;

    /// <summary>
    /// The own share over the engine's time for the same call: what the goal is stated in, and, unlike either time
    /// alone, not moved by the machine's speed, which slows the service and the engine alike (docs/performance.md).
    /// </summary>
    public double OfEngine => OwnShare / EngineMilliseconds;

    public static async Task<ServiceCall> MeasureAsync(EngineEmulator.EngineEmulator engine, Func<Task> call)
    {
        var answering = engine.AnsweringTime;
        var time = await Timing.MillisecondsAsync(call);
        return new ServiceCall(time, (engine.AnsweringTime - answering).TotalMilliseconds);
    }
}
