namespace Deploy.Build.Records;

/// <summary>Whether a target with inputs is up to date (and was restored), or why it runs.</summary>
/// <param name="IsUpToDate">Its fingerprint is the one of its last successful run, and what it handed on then is back.</param>
/// <param name="Reason">Why it runs (<c>src/Program.cs changed</c>), or <c>inputs unchanged since …</c>.</param>
/// <param name="HandsOn">Up to date: the digest of what it handed on (<see cref="CapturedOutputs.Digest"/>).</param>
internal sealed record UpToDateCheck(bool IsUpToDate, string Reason, string? HandsOn = null)
{
    public static UpToDateCheck Runs(string reason) => new(false, reason);
}
