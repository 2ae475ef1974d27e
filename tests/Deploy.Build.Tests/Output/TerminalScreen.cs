using System.Text;

namespace Deploy.Build.Tests.Output;

/// <summary>
/// What a terminal shows after some output: a small emulator of the few codes the live view uses (carriage
/// return, line feed, cursor up, erase to the end of the screen or line; colours and private modes, which .NET's
/// console sets on a real terminal, are dropped). Lines do not wrap.
/// </summary>
internal sealed class TerminalScreen
{
    private readonly List<StringBuilder> _lines = [new()];
    private int _row;
    private int _column;

    public static IReadOnlyList<string> Render(string output)
    {
        var screen = new TerminalScreen();
        screen.Feed(output);
        return screen.Lines;
    }

    /// <summary>Every line down to the cursor's (the last one only when it holds something).</summary>
    public IReadOnlyList<string> Lines =>
        _lines.Select(l => l.ToString().TrimEnd()).Take(_lines[^1].Length == 0 ? _lines.Count - 1 : _lines.Count).ToList();

    public void Feed(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            switch (c)
            {
                case '\r':
                    _column = 0;
                    break;
                case '\n':
                    _row++;
                    _column = 0;
                    if (_row == _lines.Count)
                    {
                        _lines.Add(new StringBuilder());
                    }

                    break;
                case '\u001b':
                    i = Escape(output, i);
                    break;
                default:
                    Put(c);
                    break;
            }
        }
    }

    private int Escape(string output, int start)
    {
        if (start + 1 < output.Length && output[start + 1] is '=' or '>')
        {
            return start + 1; // keypad modes: .NET's console sets them on a real terminal
        }

        if (start + 1 >= output.Length || output[start + 1] != '[')
        {
            throw new FormatException($"Unexpected escape at {start}: {output[start..Math.Min(output.Length, start + 10)]}");
        }

        var end = start + 2;
        while (end < output.Length && !(output[end] >= '@' && output[end] <= '~'))
        {
            end++;
        }

        var parameter = output[(start + 2)..end];
        var count = int.TryParse(parameter, out var n) ? n : 0;
        switch (output[end])
        {
            case 'A':
                _row = Math.Max(0, _row - Math.Max(1, count));
                break;
            case 'J' when count == 0:
                _lines[_row].Length = Math.Min(_lines[_row].Length, _column);
                _lines.RemoveRange(_row + 1, _lines.Count - _row - 1);
                break;
            case 'K' when count == 0:
                _lines[_row].Length = Math.Min(_lines[_row].Length, _column);
                break;
            case 'm':
            case 'h' or 'l' when parameter.StartsWith('?'):
                break;
            default:
                throw new FormatException($"A code the live view should not need: ESC[{parameter}{output[end]}");
        }

        return end;
    }

    private void Put(char c)
    {
        var line = _lines[_row];
        if (_column < line.Length)
        {
            line[_column] = c;
        }
        else
        {
            line.Append(' ', _column - line.Length).Append(c);
        }

        _column++;
    }
}
