using System.Reflection;

namespace HelloService;

/// <summary>Which commit the running service was built from.</summary>
internal static class BuildInfo
{
    public const string Unknown = "unknown";

    /// <summary>The commit stamped into this service's assembly, else the <c>COMMIT</c> environment variable, else "unknown".</summary>
    public static string Commit() =>
        Commit(typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion, Environment.GetEnvironmentVariable);

    /// <summary>
    /// The commit in an informational version's build metadata ("1.0.0+3f2c1ab" → "3f2c1ab"; the build stamps it
    /// with <c>-p:SourceRevisionId=&lt;sha&gt;</c>), else the <c>COMMIT</c> variable, else "unknown".
    /// </summary>
    public static string Commit(string? informationalVersion, Func<string, string?> environment)
    {
        var plus = informationalVersion?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        var stamped = plus < 0 ? null : informationalVersion![(plus + 1)..];
        return NonEmpty(stamped) ?? NonEmpty(environment("COMMIT")) ?? Unknown;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
