using System.Reflection;

namespace Deploy.Build.Parameters;

/// <summary>A parameter of the build: where it lives, what it is called in each source, its default.</summary>
internal sealed class ParameterDescriptor
{
    public required MemberInfo Member { get; init; }
    public required Type ValueType { get; init; }
    public required string MemberName { get; init; }

    /// <summary>Its name in <c>.nuke/parameters.json</c> and the schema: [Parameter(Name)] or the member's, without a leading "_".</summary>
    public required string Name { get; init; }

    /// <summary>The name it is set by on the command line, without dashes: "pushgateway-url".</summary>
    public required string CliName { get; init; }

    /// <summary>"PUSHGATEWAY_URL": the name in upper snake case (the environment variable is <see cref="EnvironmentVariable"/>).</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The environment variable the engine reads it from: "DEPLOY_PUSHGATEWAY_URL", and only that one.</summary>
    public string EnvironmentVariable => EnvironmentPrefix + EnvironmentName;

    /// <summary>[Parameter(Convention = ...)]: another tool's variable the component reads when it is given nowhere.</summary>
    public string? Convention { get; init; }

    public string? Description { get; init; }
    public bool IsSecret { get; init; }

    /// <summary>[Parameter(Frequent = true)]: one a run is most often steered by.</summary>
    public bool IsFrequent { get; init; }

    /// <summary>The value the build has before anything is given: its initializer, or what its getter falls back to.</summary>
    public object? Default { get; init; }

    /// <summary>What the engine puts before <see cref="EnvironmentName"/>: a generic name (REF, PROJECT) never steers a build.</summary>
    public const string EnvironmentPrefix = "DEPLOY_";

    public string Normalized => Names.Normalize(CliName);

    /// <summary>How to set it, for messages: "--api-key (or environment variable DEPLOY_API_KEY)".</summary>
    public string HowToSet => $"--{CliName} (or environment variable {EnvironmentVariable})";

    /// <summary>Where it is read from besides the command line, for --help and the schema: "env DEPLOY_DOCKER_HOST, else DOCKER_HOST".</summary>
    public string EnvironmentText => Convention is null ? $"env {EnvironmentVariable}" : $"env {EnvironmentVariable}, else {Convention}";
}
