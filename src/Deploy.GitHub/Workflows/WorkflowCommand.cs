using System.Text;
using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary><c>--generate-workflow github [--check]</c>: writes (or checks) <c>.github/workflows/&lt;name&gt;.yml</c>.</summary>
internal sealed class WorkflowCommand(IGitHubWorkflows component) : IBuildCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Name => "generate-workflow";

    public IReadOnlyList<string> Modifiers => ["check"];

    public string Usage => "--generate-workflow github [--check]";

    public string Description => "Write .github/workflows/<workflow-name>.yml, jobs following the target graph; --check: exit 1 when the committed file is stale";

    public async Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Values is not [var platform] || !platform.Equals("github", StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync($"error: --generate-workflow takes the CI system to write a workflow for, and knows 'github', but got '{string.Join(' ', context.Values)}'. Run ./build.sh --generate-workflow github.").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        if (context.Modifiers.TryGetValue("check", out var checkValues) && checkValues.Count > 0)
        {
            await context.Error.WriteLineAsync($"error: --check is a switch and takes no value, but got '{string.Join(' ', checkValues)}'.").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        string path;
        string content;
        try
        {
            var settings = WorkflowSettings.Create(component, context.Build);
            content = WorkflowRenderer.Render(context.Build, settings, JobGraph.Build(context.Build));
            path = Path.Combine(context.Build.RootDirectory, ".github", "workflows", settings.FileName);
        }
        catch (WorkflowException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var shown = Path.GetRelativePath(context.Build.RootDirectory, path);
        if (context.Has("check"))
        {
            var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, Utf8, cancellationToken).ConfigureAwait(false) : null;
            if (committed == content)
            {
                await context.Out.WriteLineAsync($"{shown} is up to date.").ConfigureAwait(false);
                return ExitCodes.Succeeded;
            }

            await context.Error.WriteLineAsync(committed is null
                ? $"error: {shown} does not exist. Generate it with ./build.sh --generate-workflow github and commit it."
                : $"error: {shown} is stale: the build changed since it was generated. Regenerate it with ./build.sh --generate-workflow github and commit it.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content, Utf8, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Wrote {shown}").ConfigureAwait(false);
        return ExitCodes.Succeeded;
    }
}
