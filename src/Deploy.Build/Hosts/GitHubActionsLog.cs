using System.Text;

namespace Deploy.Build.Hosts;

// The engine's host layer, beside GitHubActionsHost (whose comment says why it is not in Deploy.GitHub).
/// <summary>
/// The console under GitHub Actions: a target's lines are held until it ends, then written as one
/// <c>::group::</c> block, so targets running at once never interleave inside a group; its warnings and failure
/// follow the block as annotations. Lines outside targets, and lines a target logs after it ended, go straight
/// through. Not thread-safe: <see cref="Logging.LineSink"/> calls it under its lock, with masked text.
/// </summary>
internal sealed class GitHubActionsLog
{
    private readonly Dictionary<string, StringBuilder> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _annotations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="environment"/> is a GitHub Actions runner (<c>GITHUB_ACTIONS=true</c>).</summary>
    public static bool IsActive(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("GITHUB_ACTIONS", out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The console lines of <paramref name="target"/>: null when held, else the text to write now.</summary>
    public string? Line(string target, string text)
    {
        if (!Holds(target))
        {
            return text;
        }

        Held(target).Append(text);
        return null;
    }

    /// <summary>A warning's annotation: null when it waits for the target's block, else the command to write now.</summary>
    public string? Warning(string target, string message)
    {
        var command = GitHubActionsCommands.Warning(target, message);
        if (!Holds(target))
        {
            return command;
        }

        Annotations(target).Add(command);
        return null;
    }

    /// <summary>The target ended: its block (when it printed anything), its warnings, and its failure.</summary>
    public string End(string target, string? error)
    {
        var text = new StringBuilder();
        if (_held.Remove(target, out var lines) && lines.Length > 0)
        {
            text.Append(GitHubActionsCommands.Group(target)).Append(lines).Append(GitHubActionsCommands.EndGroup);
        }

        if (_annotations.Remove(target, out var annotations))
        {
            annotations.ForEach(a => text.Append(a));
        }

        if (error is not null)
        {
            text.Append(GitHubActionsCommands.Error(target, error));
        }

        _ended.Add(target);
        return text.ToString();
    }

    /// <summary>Every target still held: the run ended without reporting it.</summary>
    public string EndAll() => string.Concat(_held.Keys.Concat(_annotations.Keys).Distinct(StringComparer.Ordinal).ToList().Select(t => End(t, null)));

    private bool Holds(string target) => target != Logging.LineSink.EngineName && !_ended.Contains(target);

    private StringBuilder Held(string target) =>
        _held.TryGetValue(target, out var lines) ? lines : _held[target] = new StringBuilder();

    private List<string> Annotations(string target) =>
        _annotations.TryGetValue(target, out var list) ? list : _annotations[target] = [];
}
