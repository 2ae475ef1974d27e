namespace Deploy.Git.Clone;

/// <summary>
/// Removes credentials from text we did not write ourselves (libgit2's and ssh's messages) before it reaches
/// an exception or a log line. The engine masks the <c>--git-token</c> value it knows; a password written
/// into <c>--repository</c> it does not know, nor the encoded forms a URL may carry, so this masks them all.
/// </summary>
internal sealed class CredentialScrubber
{
    private readonly string[] _secrets;

    public CredentialScrubber(params string?[] secrets) =>
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s!)) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return RepositoryAddress.MaskUserInfo(text);
    }
}
