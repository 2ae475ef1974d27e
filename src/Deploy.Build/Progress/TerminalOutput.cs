using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Deploy.Build.Progress;

/// <summary>
/// Spectre.Console's output on the real terminal: what it renders collects in a frame that reaches the terminal in
/// one write (<see cref="Commit"/>), so the terminal never shows a view half cleared or half drawn.
/// </summary>
internal sealed class TerminalOutput(TextWriter terminal) : IAnsiConsoleOutput, IDisposable
{
    private readonly StringWriter _frame = new(CultureInfo.InvariantCulture);

    public TextWriter Writer => _frame;

    public bool IsTerminal => true;

    public int Width => Measure(() => Console.WindowWidth, 80);

    public int Height => Measure(() => Console.WindowHeight, 24);

    public void SetEncoding(Encoding encoding)
    {
        // The terminal's writer keeps its own encoding; the frame is text until it is written there.
    }

    public void Commit()
    {
        var builder = _frame.GetStringBuilder();
        if (builder.Length > 0)
        {
            terminal.Write(builder.ToString());
            terminal.Flush();
            builder.Clear();
        }
    }

    public void Dispose() => _frame.Dispose();

    private static int Measure(Func<int> size, int fallback)
    {
        try
        {
            var value = size();
            return value > 0 ? value : fallback;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return fallback;
        }
    }
}
