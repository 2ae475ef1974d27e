using System.Globalization;

namespace Deploy.Docker.Rollout;

/// <summary>A <c>--publish host:container</c> port mapping (TCP), as <c>docker run -p</c> takes it.</summary>
internal sealed record PortMapping(int HostPort, int ContainerPort)
{
    /// <summary>Parses <c>8080:80</c>; a bad value is a <see cref="DockerRolloutException"/> naming the parameter.</summary>
    public static PortMapping Parse(string value) => TryParse(value) ?? throw new DockerRolloutException(Problem(value)!);

    /// <summary>What is wrong with <paramref name="value"/>, or null when it is a mapping.</summary>
    public static string? Problem(string value) => TryParse(value) is null
        ? $"--publish '{value}' is not a port mapping. Give it as HOST_PORT:CONTAINER_PORT with ports 1-65535, e.g. --publish 8080:80."
        : null;

    private static PortMapping? TryParse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && TryPort(parts[0], out var host) && TryPort(parts[1], out var container)
            ? new PortMapping(host, container)
            : null;
    }

    /// <summary>Parses a port number 1-65535.</summary>
    public static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    /// <inheritdoc />
    public override string ToString() => $"{HostPort}:{ContainerPort}";
}
