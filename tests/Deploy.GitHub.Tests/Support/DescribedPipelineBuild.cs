using Deploy.Build;

namespace Deploy.GitHub.Tests.Support;

/// <summary>The pipeline, with <c>--describe</c> to get its description (and plan with the engine's planner).</summary>
internal sealed class DescribedPipelineBuild : PipelineBuild
{
    private readonly DescriptionCapture _description = new();

    public BuildDescription? Description => _description.Build;

    public IBuildCommand Describe => _description;
}
