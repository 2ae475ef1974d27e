using System.Text.RegularExpressions;
using Deploy.Git.LibGit2;
using LibGit2Sharp;

namespace Deploy.Git.Clone;

/// <summary>
/// Turns what libgit2 (and ssh, through its stderr) reported into an exception that says what was wrong:
/// authentication (never retried), a missing repository (never retried), a transient network failure
/// (retried), or anything else (not retried, libgit2's words quoted). Credentials are scrubbed from every message.
/// </summary>
internal sealed partial class FailureTranslator(RepositoryAddress repository, CredentialScrubber scrubber, bool hasCredentials)
{
    public Exception Translate(Exception exception, TransferCallbacks callbacks, string sshErrors)
    {
        var message = scrubber.Apply(exception.Message.Trim());
        var ssh = scrubber.Apply(sshErrors);
        var detail = ssh.Length > 0 ? $"{message} ({(LastLine(ssh).StartsWith("ssh:", StringComparison.Ordinal) ? "" : "ssh: ")}{LastLine(ssh)})" : message;
        var where = repository.Display;

        if (callbacks.CredentialRequests > 0 && exception.Message.Contains(new CredentialsRefusedException().Message, StringComparison.Ordinal))
        {
            return hasCredentials && callbacks.CredentialRequests > 1
                ? Authentication($"{where} refused the credentials given (HTTP 401). Check --git-token, or the user name and password in --repository.")
                : Authentication($"{where} requires authentication, and no credentials were given. Pass --git-token (HTTPS), or --ssh-key with an ssh:// URL.");
        }

        if (AuthenticationPattern().IsMatch(message) || SshAuthenticationPattern().IsMatch(ssh))
        {
            return repository.Transport == GitTransport.Ssh
                ? Authentication($"ssh refused the key for {where}: {LastLine(ssh.Length > 0 ? ssh : message)}. Check --ssh-key, and that its public key is authorized on the server for that user.")
                : Authentication($"{where} refused access ({message}). Check --git-token, or the user name and password in --repository.");
        }

        if (HostKeyPattern().IsMatch(ssh))
        {
            return Permanent($"ssh could not verify the host key of {where}: {LastLine(ssh)}. Add the server's key to the file given by --ssh-known-hosts (ssh-keyscan prints it), or check that you reach the right server.");
        }

        if (message.StartsWith("cannot run ", StringComparison.Ordinal))
        {
            return Permanent($"The ssh client could not be started for {where}: {message}. Install OpenSSH's client (Debian: openssh-client) or set GIT_SSH_COMMAND.");
        }

        if (NotFoundPattern().IsMatch(message) || NotFoundPattern().IsMatch(ssh))
        {
            return Permanent($"There is no git repository at {where}: {detail}. Check --repository.");
        }

        if (TransientPattern().IsMatch(message) || TransientPattern().IsMatch(ssh) || ServerErrorPattern().IsMatch(message))
        {
            return new TransientGitException($"{where} could not be reached: {detail}", exception);
        }

        return Permanent($"git failed for {where}: {detail}");

        GitException Permanent(string text) => new(text, Scrubbed(exception)) { Repository = where };
        GitAuthenticationException Authentication(string text) => new(text, Scrubbed(exception)) { Repository = where };
    }

    /// <summary>The error after the last retry: one sentence, with how many attempts were made.</summary>
    public GitException GaveUp(TransientGitException last, int attempts) => new(
        $"{last.Message}. Gave up after {attempts} attempt{(attempts == 1 ? "" : "s")}. Check that the server is up and reachable from here, or raise --git-retries.",
        last.InnerException!)
    {
        Repository = repository.Display,
    };

    /// <summary>
    /// libgit2's own exception, with its message scrubbed: it travels as the inner exception into the log, where
    /// the engine masks only the secrets it knows.
    /// </summary>
    private LibGit2SharpException Scrubbed(Exception exception) => new LibGit2SharpException(scrubber.Apply(exception.Message));

    private static string LastLine(string text) => (text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text).TrimEnd('.');

    [GeneratedRegex(@"authentication|\b401\b|\b403\b|unauthorized|forbidden|credentials", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationPattern();

    [GeneratedRegex(@"Permission denied|Too many authentication failures|no matching host key|Load key .*: (invalid format|bad permissions)", RegexOptions.IgnoreCase)]
    private static partial Regex SshAuthenticationPattern();

    [GeneratedRegex(@"Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED", RegexOptions.IgnoreCase)]
    private static partial Regex HostKeyPattern();

    [GeneratedRegex(@"\b404\b|not found|does not appear to be a git repository|not a git repository|could not find repository|repository .* does not exist|No such file or directory", RegexOptions.IgnoreCase)]
    private static partial Regex NotFoundPattern();

    [GeneratedRegex(@"connection refused|connection reset|connection timed out|timed out|timeout|could not resolve|failed to resolve|name or service not known|temporary failure|network is unreachable|no route to host|failed to connect|early EOF|unexpected EOF|broken pipe|connection closed|closed by remote host|could not read from remote|failed to send request|SSL|TLS", RegexOptions.IgnoreCase)]
    private static partial Regex TransientPattern();

    [GeneratedRegex(@"unexpected http status code: 5\d\d|\b50[234]\b", RegexOptions.IgnoreCase)]
    private static partial Regex ServerErrorPattern();
}
