using System.Text.RegularExpressions;

namespace Deploy.Git.Clone;

/// <summary>How a repository is reached; decides credentials, shallow support and which errors mean what.</summary>
internal enum GitTransport
{
    /// <summary>A local path or a <c>file://</c> URL: libgit2's local transport.</summary>
    Local,

    /// <summary><c>http://</c> or <c>https://</c> (smart HTTP).</summary>
    Http,

    /// <summary><c>ssh://</c> or <c>user@host:path</c>, through the system's <c>ssh</c>.</summary>
    Ssh,

    /// <summary>The unauthenticated <c>git://</c> protocol.</summary>
    Git,
}

/// <summary>
/// A parsed <c>--repository</c>: the URL libgit2 is given (no password in it: credentials go through the
/// credentials callback, so they are never written to <c>.git/config</c>), the masked form for logs, and an
/// identity to tell whether an existing workspace is a clone of the same repository.
/// </summary>
internal sealed partial class RepositoryAddress
{
    private RepositoryAddress(string url, string display, GitTransport transport, string identity, string name)
    {
        Url = url;
        Display = display;
        Transport = transport;
        Identity = identity;
        Name = name;
    }

    /// <summary>What libgit2 fetches from: the given URL without its password; an absolute path for local repositories.</summary>
    public string Url { get; }

    /// <summary>The form for log lines and messages: user information of HTTP URLs replaced by <c>***</c>.</summary>
    public string Display { get; }

    public GitTransport Transport { get; }

    /// <summary>Scheme, host, port and path, without credentials, case of the host or a trailing <c>.git</c>.</summary>
    public string Identity { get; }

    /// <summary>A directory name for the default workspace (<c>hello-service</c> for <c>…/hello-service.git</c>).</summary>
    public string Name { get; }

    /// <summary>The user name given in the URL, if any.</summary>
    public string? UserName { get; private init; }

    /// <summary>The password given in the URL, if any. Only ever handed to the credentials callback.</summary>
    public string? Password { get; private init; }

    /// <summary>
    /// Parses a URL (<c>https://</c>, <c>http://</c>, <c>ssh://</c>, <c>git://</c>, <c>file://</c>), an scp-like
    /// <c>user@host:path</c>, or a path to an existing directory (relative to <paramref name="baseDirectory"/>).
    /// Returns null and a problem naming the parameter when it is none of them.
    /// </summary>
    public static RepositoryAddress? TryParse(string text, string baseDirectory, string parameter, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"{parameter} is empty. Pass a URL (https://, ssh://, file://) or the path of a local repository.";
            return null;
        }

        text = text.Trim();
        if (SchemePattern().IsMatch(text))
        {
            return ParseUrl(text, parameter, out problem);
        }

        if (ScpPattern().Match(text) is { Success: true } scp && !IsWindowsDrive(text))
        {
            var user = scp.Groups["user"].Success ? scp.Groups["user"].Value : null;
            var host = scp.Groups["host"].Value;
            var path = scp.Groups["path"].Value;
            return new RepositoryAddress(text, text, GitTransport.Ssh, $"ssh://{host.ToLowerInvariant()}/{TrimPath(path.TrimStart('/'))}", NameOf(path))
            {
                UserName = user,
            };
        }

        var full = Path.GetFullPath(text, baseDirectory);
        if (!Directory.Exists(full))
        {
            problem = $"{parameter} '{text}' is neither a URL (https://, http://, ssh://, git://, file://, user@host:path) nor an existing directory. Pass a repository URL or the path of a local repository.";
            return null;
        }

        return Local(full);
    }

    /// <summary>A repository in a local directory (a working tree or a bare repository).</summary>
    public static RepositoryAddress Local(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return new RepositoryAddress(full, full, GitTransport.Local, "file://" + TrimPath(full), NameOf(full));
    }

    /// <summary>
    /// Resolves a submodule URL from <c>.gitmodules</c>: relative ones (<c>../lib.git</c>) are relative to this
    /// repository, as git resolves them.
    /// </summary>
    public RepositoryAddress? Resolve(string submoduleUrl, out string? problem)
    {
        if (!submoduleUrl.StartsWith("./", StringComparison.Ordinal) && !submoduleUrl.StartsWith("../", StringComparison.Ordinal))
        {
            return TryParse(submoduleUrl, Transport == GitTransport.Local ? Url : Directory.GetCurrentDirectory(), "The submodule URL", out problem);
        }

        // git resolves "../x" against the superproject's URL as if it were a directory.
        var baseText = Url.TrimEnd('/');
        foreach (var segment in submoduleUrl.Split('/'))
        {
            if (segment == "..")
            {
                var cut = baseText.LastIndexOfAny(['/', ':']);
                baseText = cut > 0 ? baseText[..cut] : baseText;
            }
            else if (segment is not "." and not "")
            {
                baseText += "/" + segment;
            }
        }

        // A relative submodule lives on the same server: the superproject's credentials apply to it too.
        return TryParse(baseText, Url, "The submodule URL", out problem)?.With(UserName, Password);
    }

    private RepositoryAddress With(string? userName, string? password) =>
        new(Url, Display, Transport, Identity, Name) { UserName = userName, Password = password };

    private static RepositoryAddress? ParseUrl(string text, string parameter, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            problem = $"{parameter} '{MaskUserInfo(text)}' is not a valid URL. Check it, or pass the path of a local repository.";
            return null;
        }

        var scheme = uri.Scheme.ToLowerInvariant();
        var transport = scheme switch
        {
            "http" or "https" => GitTransport.Http,
            "ssh" or "git+ssh" or "ssh+git" => GitTransport.Ssh,
            "git" => GitTransport.Git,
            "file" => GitTransport.Local,
            _ => (GitTransport?)null,
        };
        if (transport is null)
        {
            problem = $"{parameter} '{MaskUserInfo(text)}' uses the scheme '{uri.Scheme}', which git cannot clone from. Use https://, http://, ssh://, git://, file:// or user@host:path.";
            return null;
        }

        if (transport == GitTransport.Local)
        {
            if (!Directory.Exists(uri.LocalPath))
            {
                problem = $"{parameter} '{text}' points at '{uri.LocalPath}', which does not exist. Check the path.";
                return null;
            }

            var local = Path.TrimEndingDirectorySeparator(uri.LocalPath);
            return new RepositoryAddress(text, text, GitTransport.Local, "file://" + TrimPath(local), NameOf(local));
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            problem = $"{parameter} '{MaskUserInfo(text)}' has no host. Write it as {scheme}://host/path.";
            return null;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var path = uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        var userPart = user is null ? "" : Uri.EscapeDataString(user) + "@";

        // HTTP user names are often tokens themselves (https://TOKEN@github.com/…): mask all user information there.
        var display = transport == GitTransport.Http && uri.UserInfo.Length > 0
            ? $"{scheme}://***@{authority}{path}"
            : $"{scheme}://{userPart}{authority}{path}";
        var url = $"{scheme}://{userPart}{authority}{path}";
        var identityScheme = transport == GitTransport.Ssh ? "ssh" : scheme;
        return new RepositoryAddress(url, display, transport.Value, $"{identityScheme}://{authority.ToLowerInvariant()}/{TrimPath(uri.AbsolutePath.TrimStart('/'))}", NameOf(uri.AbsolutePath))
        {
            UserName = user,
            Password = password,
        };
    }

    /// <summary>
    /// The identity of a URL or path read back from a workspace's <c>origin</c>; unlike <see cref="TryParse"/> it
    /// does not need a local repository to still exist.
    /// </summary>
    public static string IdentityOf(string url, string baseDirectory)
    {
        if (TryParse(url, baseDirectory, "origin", out _) is { } parsed)
        {
            return parsed.Identity;
        }

        return SchemePattern().IsMatch(url) ? url : "file://" + TrimPath(Path.GetFullPath(url, baseDirectory));
    }

    /// <summary>Masks the user information of text that may not parse as a URL, for error messages.</summary>
    public static string MaskUserInfo(string text) => UserInfoPattern().Replace(text, "$1***@");

    /// <summary>True when <paramref name="other"/> names the same repository (credentials and spelling aside).</summary>
    public bool SameRepositoryAs(RepositoryAddress other) => string.Equals(Identity, other.Identity, StringComparison.Ordinal);

    private static string TrimPath(string path)
    {
        path = path.TrimEnd('/');
        if (path.EndsWith("/.git", StringComparison.Ordinal))
        {
            path = path[..^"/.git".Length];
        }
        else if (path.EndsWith(".git", StringComparison.Ordinal))
        {
            path = path[..^".git".Length];
        }

        return path;
    }

    private static string NameOf(string path)
    {
        var trimmed = TrimPath(path.Replace('\\', '/'));
        var name = trimmed[(trimmed.LastIndexOfAny(['/', ':']) + 1)..];
        name = InvalidNameCharacters().Replace(name, "-").Trim('-', '.');
        return name.Length == 0 ? "repository" : name;
    }

    private static bool IsWindowsDrive(string text) => text.Length >= 2 && char.IsAsciiLetter(text[0]) && text[1] == ':';

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^(?:(?<user>[^@/:\s]+)@)?(?<host>[^@/:\s]+):(?<path>[^\s].*)$")]
    private static partial Regex ScpPattern();

    [GeneratedRegex(@"(://)[^/@\s]+@")]
    private static partial Regex UserInfoPattern();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex InvalidNameCharacters();
}
