namespace Deploy.DotNet.Toolchains;

/// <summary>The toolchain's planning-time check: without --project, the source shows exactly one service.</summary>
internal static class ProjectChecks
{
    public static IEnumerable<string> Problems(IToolchain build)
    {
        // A source an earlier target fetches (Clone) is looked at once it is there: the engine reruns this then. A build
        // that names its service itself (build/Build.cs: the sample) is not second-guessed.
        if (build.HasSource && build.GetParameter<string>(nameof(IToolchain.Project)) is null && build.Project == "."
            && ProjectDiscovery.TryFind(build.SourceDirectory, out var problem) is null)
        {
            yield return problem!;
        }
    }
}
