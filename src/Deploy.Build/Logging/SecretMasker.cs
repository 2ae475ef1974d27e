using System.Text.RegularExpressions;

namespace Deploy.Build.Logging;

/// <summary>
/// Replaces secret values with <c>***</c> in any text that leaves the process, and the credentials of any
/// URL written with them (<c>https://user:token@host</c> → <c>https://***@host</c>), secret or not.
/// </summary>
internal sealed partial class SecretMasker
{
    public const string Mask = "***";
    private readonly Lock _lock = new();
    private string[] _secrets = [];

    /// <summary>Adds a secret; empty values are ignored. Longer secrets are replaced first.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_lock)
        {
            _secrets = _secrets.Append(secret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        }
    }

    public bool HasSecrets => _secrets.Length > 0;

    /// <summary>Whether the text holds one of the secret values (URL credentials alone do not count).</summary>
    public bool ContainsSecret(string text) => _secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal));

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text.Contains('@', StringComparison.Ordinal) ? UrlCredentials().Replace(text, "$1" + Mask + "@") : text;
    }

    // scheme://userinfo@ — userinfo cannot hold '/', '@' or whitespace (RFC 3986 §3.2.1).
    [GeneratedRegex(@"\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
