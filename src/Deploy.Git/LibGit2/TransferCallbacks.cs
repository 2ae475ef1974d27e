namespace Deploy.Git.LibGit2;

/// <summary>Counts of a fetch in progress (libgit2's git_indexer_progress).</summary>
internal readonly record struct TransferStatus(int ReceivedObjects, int IndexedObjects, int TotalObjects, long ReceivedBytes);

/// <summary>A user name and password for HTTP basic authentication.</summary>
internal sealed record BasicCredentials(string UserName, string Password);

/// <summary>
/// What a network operation calls back into, in our own types: credentials, progress (returning false
/// cancels the operation), and the server's progress text.
/// </summary>
internal sealed class TransferCallbacks
{
    private int _credentialRequests;

    /// <summary>Returns the credentials for a URL (given the user name in it), or null when there are none.</summary>
    public Func<string, string?, BasicCredentials?>? Credentials { get; init; }

    public Func<TransferStatus, bool> Transfer { get; init; } = _ => true;

    public Func<string, bool> ServerMessage { get; init; } = _ => true;

    /// <summary>How many times the server asked for credentials: more than once means it refused them.</summary>
    public int CredentialRequests => Volatile.Read(ref _credentialRequests);

    internal BasicCredentials? RequestCredentials(string url, string? userFromUrl)
    {
        Interlocked.Increment(ref _credentialRequests);
        return Credentials?.Invoke(url, userFromUrl);
    }
}
