using Deploy.Build.Logging;
using Spectre.Console;

namespace Deploy.Build.Progress;

/// <summary>
/// The live view on an interactive terminal: below the scrolling log, one line per running target with its elapsed
/// time and the latest line it logged, under a line counting what ran. A finished target leaves one line in the log
/// with its status and duration. Every change clears the view, writes whole log lines, and draws the view again in
/// one frame under one lock, so log lines are never torn and the view never lands inside them.
/// </summary>
internal sealed partial class LiveView : ILiveView
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(500);

    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;
    private readonly TerminalOutput? _output;
    private readonly Lock _lock = new();
    private readonly List<RunningTarget> _running = [];
    private readonly ITimer _timer;
    private DateTimeOffset? _startedAt;
    private int _planned;
    private int _finished;
    private int _nameWidth = 8;
    private int _height;
    private string? _drawn;
    private bool _stopped;

    /// <param name="console">Where the view is drawn; ANSI must be on.</param>
    /// <param name="time">The clock for elapsed times and the redraw timer.</param>
    /// <param name="output">The terminal <paramref name="console"/> collects frames for; null: it writes as it goes.</param>
    internal LiveView(IAnsiConsole console, TimeProvider time, TerminalOutput? output = null)
    {
        _console = console;
        _time = time;
        _output = output;
        _timer = time.CreateTimer(_ => Tick(), null, TickPeriod, TickPeriod);
    }

    /// <summary>The view on the process's terminal (<paramref name="terminal"/> is its standard output).</summary>
    public static ILiveView Create(TextWriter terminal, TimeProvider time)
    {
        var output = new TerminalOutput(terminal);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = output,
        });
        return new LiveView(console, time, output);
    }

    public void RunStarted(RunStartedEvent run)
    {
        lock (_lock)
        {
            _startedAt = run.StartedAt;
            _planned = run.Targets.Count;
            _nameWidth = Math.Clamp(run.Targets.Select(t => t.Length).DefaultIfEmpty(0).Max(), 8, 40);
        }
    }

    public void TargetStarted(TargetStartedEvent target)
    {
        lock (_lock)
        {
            _running.Add(new RunningTarget(target.Name, target.StartedAt));
            Redraw(null);
        }
    }

    public void TargetFinished(TargetFinishedEvent target)
    {
        lock (_lock)
        {
            _running.RemoveAll(r => r.Name == target.Name);
            _finished++;
            Redraw(() =>
            {
                _console.Write(FinishedLine(target));
                _console.Write(Text.NewLine);
            });
        }
    }

    public void Write(string text)
    {
        lock (_lock)
        {
            Redraw(() => _console.Profile.Out.Writer.Write(text));
        }
    }

    public void Latest(string target, string line)
    {
        lock (_lock)
        {
            if (_running.Find(r => r.Name == target) is { } running)
            {
                running.Latest = Plain(line);
            }
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                Clear();
                _stopped = true;
                _output?.Commit();
            }
        }

        _timer.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _output?.Dispose();
    }

    private void Tick()
    {
        lock (_lock)
        {
            // Elapsed times show whole seconds: a tick that changes nothing writes nothing.
            if (!_stopped && _running.Count > 0 && Key(_time.GetUtcNow()) != _drawn)
            {
                Redraw(null);
            }
        }
    }

    /// <summary>One frame: clear the view, write <paramref name="above"/> (whole lines), draw the view, then write the frame out.</summary>
    private void Redraw(Action? above)
    {
        Clear();
        above?.Invoke();
        if (!_stopped)
        {
            Draw();
        }

        _output?.Commit();
    }

    /// <summary>The cursor sits at the start of the line below the view: go up to its first line and erase to the end of the screen.</summary>
    private void Clear()
    {
        if (_height > 0)
        {
            _console.Write(new ControlCode($"\u001b[{_height}A\r\u001b[J"));
            _height = 0;
        }
    }

    private sealed class RunningTarget(string name, DateTimeOffset startedAt)
    {
        public string Name { get; } = name;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public string Latest { get; set; } = "";
    }
}
