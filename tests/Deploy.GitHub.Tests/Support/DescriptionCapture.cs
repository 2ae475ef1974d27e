using Deploy.Build;

namespace Deploy.GitHub.Tests.Support;

/// <summary><c>--describe</c>: keeps the <see cref="BuildDescription"/> the engine hands a command, for a test to plan with.</summary>
internal sealed class DescriptionCapture : IBuildCommand
{
    public BuildDescription? Build { get; private set; }

    public string Name => "describe";

    public IReadOnlyList<string> Modifiers => [];

    public string Usage => "--describe";

    public string Description => "Keep the build's description for the test";

    public Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default)
    {
        Build = context.Build;
        return Task.FromResult(ExitCodes.Succeeded);
    }
}
