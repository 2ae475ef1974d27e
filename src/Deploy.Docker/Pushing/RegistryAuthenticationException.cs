namespace Deploy.Docker.Pushing;

/// <summary>The registry refused the credentials (or needs some and got none). Not retried: the same credentials fail again.</summary>
public sealed class RegistryAuthenticationException : ImagePushFailedException
{
    /// <summary>Creates the exception.</summary>
    public RegistryAuthenticationException(string reference, string registry, string daemonError, string credentialSource)
        : base(
            reference,
            $"The registry '{registry}' refused to authenticate the push of '{reference}' ({daemonError}); credentials from " +
            $"{credentialSource}. This is not retried: check --registry-username and --registry-password, or log in with " +
            $"`docker login {registry}` so that DOCKER_CONFIG/config.json holds them.")
    {
        Registry = registry;
    }

    /// <summary>The registry, <c>host[:port]</c>.</summary>
    public string Registry { get; }
}
