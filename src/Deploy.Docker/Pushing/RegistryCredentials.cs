using System.Text;
using System.Text.Json;

namespace Deploy.Docker.Pushing;

/// <summary>
/// The credentials a push sends: <c>--registry-username</c>/<c>--registry-password</c>, else the registry's entry in
/// <c>--docker-config</c>/<c>DOCKER_CONFIG</c>'s <c>config.json</c> (default <c>~/.docker/config.json</c>) under <c>auths</c> (its base64 <c>auth</c>
/// field, <c>user:password</c>). Never logged: <see cref="ToString"/> shows where they came from only.
/// </summary>
internal sealed class RegistryCredentials
{
    private RegistryCredentials(string? username, string? password, string? identityToken, string source)
    {
        Username = username;
        Password = password;
        IdentityToken = identityToken;
        Source = source;
    }

    public string? Username { get; }

    public string? Password { get; }

    public string? IdentityToken { get; }

    /// <summary>Where they came from, for messages: "--registry-username/--registry-password", a config file, or "none".</summary>
    public string Source { get; }

    public bool IsEmpty => Username is null && IdentityToken is null;

    /// <summary>The Docker CLI's variable for its config directory, read when <c>--docker-config</c> is not given.</summary>
    public const string ConfigVariable = "DOCKER_CONFIG";

    public const string OnlyOneGiven = "Only one of --registry-username and --registry-password was given. Give both, or neither to use DOCKER_CONFIG/config.json.";

    /// <summary>Picks the credentials for <paramref name="registry"/>.</summary>
    /// <param name="registry">host[:port].</param>
    /// <param name="username">--registry-username.</param>
    /// <param name="password">--registry-password.</param>
    /// <param name="configDirectory">--docker-config, else the Docker CLI's DOCKER_CONFIG (the caller reads it from the build's environment); null: <c>~/.docker</c>.</param>
    /// <param name="homeDirectory">HOME of the build's environment, for <c>~/.docker</c>; null: there is none, so no config file.</param>
    public static RegistryCredentials For(string registry, string? username, string? password, string? configDirectory, string? homeDirectory)
    {
        if (!string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            {
                throw new Build.DeployException(OnlyOneGiven);
            }

            return new RegistryCredentials(username, password, null, "--registry-username/--registry-password");
        }

        var directory = configDirectory is { Length: > 0 } configured ? configured
            : homeDirectory is { Length: > 0 } home ? Path.Combine(home, ".docker")
            : null;
        var file = directory is null ? null : Path.Combine(directory, "config.json");
        return File.Exists(file) ? FromConfig(file, registry) : None;
    }

    private static RegistryCredentials None => new(null, null, null, "none (no --registry-username, no config.json entry)");

    private static RegistryCredentials FromConfig(string file, string registry)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new Build.DeployException($"The Docker config file '{file}' is not valid JSON ({e.Message}). Fix it, or give --registry-username and --registry-password.", e);
        }

        using (json)
        {
            if (!json.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            foreach (var entry in auths.EnumerateObject())
            {
                if (!string.Equals(HostOf(entry.Name), registry, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var source = $"the 'auths' entry '{entry.Name}' in {file}";
                if (entry.Value.TryGetProperty("identitytoken", out var token) && token.GetString() is { Length: > 0 } identityToken)
                {
                    return new RegistryCredentials(null, null, identityToken, source);
                }

                if (entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
                {
                    var decoded = Decode(encoded, file, entry.Name);
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    return colon > 0
                        ? new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..], null, source)
                        : throw new Build.DeployException($"The 'auth' field of '{entry.Name}' in {file} is not base64 of user:password. Run `docker login {registry}` again.");
                }
            }

            return None;
        }
    }

    private static string Decode(string encoded, string file, string name)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException e)
        {
            throw new Build.DeployException($"The 'auth' field of '{name}' in {file} is not valid base64. Run `docker login` again.", e);
        }
    }

    /// <summary>The host[:port] of an <c>auths</c> key, which may be a URL (<c>https://index.docker.io/v1/</c>).</summary>
    private static string HostOf(string key) =>
        Uri.TryCreate(key, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Authority : key.TrimEnd('/');

    public override string ToString() => Source;
}
