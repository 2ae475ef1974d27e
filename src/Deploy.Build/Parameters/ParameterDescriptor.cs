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

    /// <summary>"PUSHGATEWAY_URL" (also read with a DEPLOY_ prefix).</summary>
    public required string EnvironmentName { get; init; }

    public string? Description { get; init; }
    public bool IsSecret { get; init; }

    /// <summary>The value the build has before anything is given: its initializer, or what its getter falls back to.</summary>
    public object? Default { get; init; }

    public string Normalized => Names.Normalize(CliName);

    /// <summary>How to set it, for messages: "--api-key (or env API_KEY)".</summary>
    public string HowToSet => $"--{CliName} (or environment variable {EnvironmentName})";
}
