using Deploy.Docker.Engine;

namespace Deploy.Docker.Building;

/// <summary>
/// Every check of the Image target's parameters, in one place: the target's <c>Validates</c> runs them while
/// planning, and <see cref="ImageRequest.From"/> runs them again before it builds the request, so a check exists once.
/// </summary>
internal static class ImageChecks
{
    public static List<string> Problems(IImage build)
    {
        var problems = new List<string>();
        if (build.Registry is { } registry && ImageNames.RegistryProblem(registry.Trim()) is { } badRegistry)
        {
            problems.Add(badRegistry);
        }

        Add(problems, ImageNames.NameProblem(build.ImageName));
        problems.AddRange(build.ImageTags.Select(t => ImageNames.TagProblem(t.Trim())).OfType<string>());
        problems.AddRange(build.BuildArgs.Select(ImageNames.BuildArgProblem).OfType<string>());
        Add(problems, DockerEngine.AddressProblem(build.DockerHost, build.EnvironmentVariables));
        Add(problems, ImageCreated.Problem(build.EnvironmentVariables));

        // The files are only checked once the source is there: while a Clone has yet to fetch it, SourceDirectory
        // names a directory that may not hold it (or holds an older one), and checking that would be a guess.
        if (build.HasImageSource)
        {
            Add(problems, DockerfileProblem(build));
        }

        return problems;
    }

    /// <summary>The context exists and holds the Dockerfile, which the engine's parser would accept, with the --docker-target stage.</summary>
    private static string? DockerfileProblem(IImage build)
    {
        var context = Path.GetFullPath(Path.Combine(build.ImageSourceDirectory, build.DockerContext));
        if (!Directory.Exists(context))
        {
            return $"The build context directory '{context}' (--docker-context '{build.DockerContext}') does not exist. Give the directory holding the Dockerfile.";
        }

        var dockerfile = Path.GetFullPath(Path.Combine(context, build.Dockerfile));
        var relative = Path.GetRelativePath(context, dockerfile).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return $"The Dockerfile '{dockerfile}' (--dockerfile '{build.Dockerfile}') is outside the build context '{context}'. Move it into the context or give a context that holds it.";
        }

        if (!File.Exists(dockerfile))
        {
            return $"The Dockerfile '{dockerfile}' (--dockerfile '{build.Dockerfile}') does not exist. Write one, or point --dockerfile at it (relative to --docker-context).";
        }

        var (problem, stages) = DockerfileSyntax.Check(File.ReadAllText(dockerfile));
        if (problem is not null)
        {
            return $"The Dockerfile '{dockerfile}' does not parse: {problem}. Fix it (https://docs.docker.com/reference/dockerfile/), or point --dockerfile at another.";
        }

        if (build.DockerTarget is { } target && !stages.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            return stages.Count == 0
                ? $"--docker-target '{target}' names a stage, but the Dockerfile '{dockerfile}' names none (FROM image AS name). Leave --docker-target out, or name the stage."
                : $"--docker-target '{target}' is not a stage of the Dockerfile '{dockerfile}' (its stages: {string.Join(", ", stages)}). Give one of them.";
        }

        return null;
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
