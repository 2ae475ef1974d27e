using Serilog;

namespace Deploy.Git.Clone;

/// <summary>
/// Logs the progress of a long step at a sane rate: a line when it passes another tenth of the work, at most
/// one a second (the first after a second), and always the last one. A step under a second logs only its total.
/// </summary>
internal sealed class ProgressReporter(ILogger log, TimeProvider time, string template)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private long _lastLogged = long.MinValue;
    private long _started = long.MinValue;
    private int _lastTenth;
    private bool _finished;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/>; <paramref name="detail"/> fills the template's last hole.</summary>
    public void Report(long done, long total, string detail = "")
    {
        if (total <= 0 || _finished)
        {
            return;
        }

        var finished = done >= total;
        var tenth = (int)(done * 10 / total);
        var now = time.GetTimestamp();
        if (_started == long.MinValue)
        {
            _started = now;
        }

        // Intermediate lines only once the step has taken a second: a quick step logs just its total.
        var due = time.GetElapsedTime(_lastLogged == long.MinValue ? _started : _lastLogged, now) >= MinimumInterval;
        if (finished || (tenth > _lastTenth && due && tenth < 10))
        {
            _finished = finished;
            _lastTenth = tenth;
            _lastLogged = now;
            log.Information(template, done * 100 / total, done, total, detail);
        }
    }
}
