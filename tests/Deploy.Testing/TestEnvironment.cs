using System.Collections;
using Deploy.Build.Processes;

namespace Deploy.Testing;

/// <summary>
/// The test process's environment, as the base of what tests hand on: the processes they start, and (filtered) the
/// builds they run in-process. The product itself only ever sees the environment a test gives it.
/// </summary>
public static class TestEnvironment
{
    // What steers Deploy or one of its components: its parameters, CI and GitHub Actions detection, the
    // conventions of the tools the components drive, the trace context, and the terminal the live view draws on.
    private static readonly string[] SteeringPrefixes = ["DEPLOY_", "GITHUB_", "RUNNER_", "OTEL_", "DOCKER_", "KUBERNETES_"];
    private static readonly HashSet<string> SteeringNames = new(StringComparer.Ordinal)
    {
        "CI", "KUBECONFIG", "GIT_SSH_COMMAND", "TRACEPARENT", "TRACESTATE", "TERM", "NO_COLOR",
    };

    /// <summary>Every variable of the test process.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = Environment.GetEnvironmentVariables()
        .Cast<DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>Whether the tests run in CI (<c>CI=true</c>), where a missing tool fails instead of skipping.</summary>
    public static bool IsCi => string.Equals(Variables.GetValueOrDefault("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The test process's variables without those that steer Deploy or a component (<c>DEPLOY_*</c>, <c>CI</c>,
    /// <c>GITHUB_*</c>, <c>OTEL_*</c>, <c>DOCKER_*</c>, <c>KUBECONFIG</c>, <c>TERM</c>, …): what a build under test gets, so
    /// the tools it starts (dotnet, go, git) find this machine's HOME, PATH, NuGet and certificate settings, and nothing
    /// of the machine decides how the build behaves.
    /// </summary>
    public static Dictionary<string, string> ForBuild() => Variables
        .Where(v => !SteeringNames.Contains(v.Key) && !SteeringPrefixes.Any(p => v.Key.StartsWith(p, StringComparison.Ordinal)))
        .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>The first of <paramref name="candidates"/> (paths, or names looked up on PATH) that exists; null when none does.</summary>
    public static string? FindProgram(params string[] candidates) =>
        candidates.Select(c => ProcessRunner.FindOnPath(c, Variables)).FirstOrDefault(found => found is not null);
}
