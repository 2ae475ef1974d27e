using System.Text;
using System.Text.RegularExpressions;
using Deploy.Build;

namespace Deploy.Docker.Building;

/// <summary>
/// Checks image names, registries, tags and build arguments against Docker's reference grammar
/// (https://github.com/distribution/reference/blob/main/reference.go) before anything is built.
/// </summary>
internal static partial class ImageNames
{
    public static string Name(string value) => NameProblem(value) is { } problem ? throw new DeployException(problem) : value;

    public static string Registry(string value) => RegistryProblem(value) is { } problem ? throw new DeployException(problem) : value;

    public static string Tag(string value) => TagProblem(value) is { } problem ? throw new DeployException(problem) : value;

    public static string? NameProblem(string value) =>
        PathComponents().IsMatch(value) ? null :
            $"The image name '{value}' is not valid: use lower-case letters, digits and separators (., _, -, /), " +
            "e.g. --image-name hello-service or --image-name team/hello-service.";

    public static string? RegistryProblem(string value) =>
        RegistryHost().IsMatch(value) ? null :
            $"The registry '{value}' is not valid: give host[:port] without a scheme or path, e.g. --registry registry.example.com or --registry 127.0.0.1:5000.";

    public static string? TagProblem(string value) =>
        TagText().IsMatch(value) ? null :
            $"The image tag '{value}' is not valid: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-' (e.g. latest, main, v1.2.3).";

    public static string? BuildArgProblem(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) > 0 ? null : $"The build argument '{value}' is not KEY=VALUE. Give it as --build-args VERSION=1.2.";

    /// <summary>A tag made from any text (a branch such as <c>feature/x</c>): invalid characters become '-'.</summary>
    public static string ToTag(string text)
    {
        var tag = InvalidTagCharacters().Replace(text, "-").TrimStart('.', '-');
        return tag.Length == 0 ? "dev" : tag[..Math.Min(tag.Length, 128)];
    }

    /// <summary>A default image name from a directory or project name (<c>HelloService</c> → <c>helloservice</c>, <c>hello-service</c> stays).</summary>
    public static string FromServiceName(string text)
    {
        // Each run of characters outside [a-z0-9._-] becomes one '-'. A loop, not a Regex: this is the default --help
        // shows, and the first Regex of a process costs milliseconds of its start.
        var name = new StringBuilder(text.Length);
        var replacing = false;
        foreach (var c in text.ToLowerInvariant())
        {
            var valid = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';
            if (valid || !replacing)
            {
                name.Append(valid ? c : '-');
            }

            replacing = !valid;
        }

        var trimmed = name.ToString().Trim('-', '.', '_');
        return trimmed.Length == 0 ? "service" : trimmed;
    }

    public static IReadOnlyDictionary<string, string> BuildArgs(IEnumerable<string> values)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (BuildArgProblem(value) is { } problem)
            {
                throw new DeployException(problem);
            }

            var equals = value.IndexOf('=', StringComparison.Ordinal);
            args[value[..equals]] = value[(equals + 1)..];
        }

        return args;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex PathComponents();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryHost();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagText();

    [GeneratedRegex(@"[^\w.-]")]
    private static partial Regex InvalidTagCharacters();
}
