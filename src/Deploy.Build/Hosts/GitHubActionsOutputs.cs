using System.Text;

namespace Deploy.Build.Hosts;

// The engine's host layer, beside GitHubActionsHost (whose comment says why it is not in Deploy.GitHub).
/// <summary>
/// Target outputs as <c>GITHUB_OUTPUT</c> lines: <c>name=value</c>, or for a value with a line break the
/// delimiter form <c>name&lt;&lt;DELIMITER</c> … <c>DELIMITER</c>, with a delimiter the value cannot hold
/// (docs.github.com, "Workflow commands: Multiline strings").
/// </summary>
internal static class GitHubActionsOutputs
{
    public static string Render(IEnumerable<KeyValuePair<string, string>> outputs)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            if (!value.Contains('\n', StringComparison.Ordinal) && !value.Contains('\r', StringComparison.Ordinal))
            {
                text.Append(name).Append('=').Append(value).Append('\n');
                continue;
            }

            var delimiter = "ghadelimiter_" + Guid.NewGuid().ToString("N");
            text.Append(name).Append("<<").Append(delimiter).Append('\n')
                .Append(value.ReplaceLineEndings("\n")).Append('\n')
                .Append(delimiter).Append('\n');
        }

        return text.ToString();
    }
}
