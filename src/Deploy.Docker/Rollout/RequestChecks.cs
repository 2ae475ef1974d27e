using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Docker.Engine;

namespace Deploy.Docker.Rollout;

/// <summary>
/// Every check of a <see cref="DockerRolloutRequest"/>, before the engine is contacted. The messages name the Rollout
/// target's parameters, which is where a request's values come from in a build.
/// </summary>
internal static partial class RequestChecks
{
    public static List<string> Problems(DockerRolloutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (request.Timeout <= TimeSpan.Zero)
        {
            problems.Add($"--rollout-timeout '{request.Timeout}' is not a positive time. Give e.g. --rollout-timeout 00:05:00.");
        }

        if (!ContainerNameRule().IsMatch(request.ContainerName ?? ""))
        {
            problems.Add($"--container-name '{request.ContainerName}' is not a valid container name. Use letters, digits and '_', '.', '-', starting with a letter or digit (e.g. hello-service).");
        }

        if (request.Port is <= 0 or > 65535)
        {
            problems.Add($"--service-port '{request.Port.ToString(CultureInfo.InvariantCulture)}' is not a port. Give a number from 1 to 65535.");
        }

        problems.AddRange(request.Environment
            .Where(v => v.IndexOf('=', StringComparison.Ordinal) <= 0)
            .Select(v => $"--service-env '{v}' is not NAME=value. Give each variable as NAME=value, e.g. --service-env LOG_LEVEL=debug."));
        if (request.HealthUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"--health-url '{url}' is not an http(s) URL. Give e.g. --health-url http://127.0.0.1:8080/healthz.");
        }

        if (request.Publish is { } mapping && PortMapping.Problem(mapping) is { } badMapping)
        {
            problems.Add(badMapping);
        }

        if (DockerEngine.AddressProblem(request.DockerHost, request.EnvironmentVariables) is { } badAddress)
        {
            problems.Add(badAddress);
        }

        return problems;
    }

    // Docker's own rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ContainerNameRule();
}
