using Deploy.Build;

namespace Deploy.Docker.Engine;

/// <summary>No Docker engine answered at the address the build was pointed at.</summary>
public sealed class DockerEngineUnreachableException : DeployException
{
    /// <summary>Creates the exception for <paramref name="address"/>.</summary>
    public DockerEngineUnreachableException(string address, string reason, Exception? innerException = null)
        : base(
            $"No Docker engine answers at '{address}' ({reason}). Start the engine (`sudo systemctl start docker`, or run `dockerd`), " +
            "or point the build at a running one with the DOCKER_HOST environment variable or --docker-host " +
            "(unix:///var/run/docker.sock or tcp://HOST:2375).",
            innerException ?? new InvalidOperationException(reason))
    {
        Address = address;
    }

    /// <summary>The engine address that did not answer, as given (<c>unix:///…</c> or <c>tcp://…</c>).</summary>
    public string Address { get; }
}
