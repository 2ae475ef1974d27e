namespace Deploy.DotNet.Toolchains;

/// <summary>The toolchain's planning-time check: the service to build is known (given, or the only one the source shows).</summary>
internal static class ProjectChecks
{
    public static IEnumerable<string> Problems(IToolchain build)
    {
        // A source an earlier target fetches (Clone) is looked at once it is there: the engine reruns this then.
        if (!build.HasSource)
        {
            return [];
        }

        try
        {
            _ = build.Project;
            return [];
        }
        catch (ToolchainNotFoundException exception)
        {
            return [exception.Message];
        }
    }
}
