namespace Deploy.Build.Logging;

/// <summary>
/// A live view of the running targets drawn below the scrolling log on a terminal. <see cref="LineSink"/> writes
/// through it, under its own lock, so the view is cleared before each batch of whole lines and drawn again after
/// it: a line is never torn by the view. No Spectre.Console type appears here, so a plain run never loads it.
/// </summary>
internal interface ILiveView : IRunObserver, IDisposable
{
    /// <summary>Writes whole, masked lines above the view.</summary>
    void Write(string text);

    /// <summary>The latest line <paramref name="target"/> logged (masked): shown beside it while it runs.</summary>
    void Latest(string target, string line);

    /// <summary>Clears the view for good: later text is written as it comes (the summary, late warnings).</summary>
    void Stop();
}
