namespace Deploy.Build.Fingerprints;

/// <summary>One input of a fingerprint, as the record keeps it: what it is, its name, and its digest.</summary>
/// <param name="Kind">Files, a value, a target it needs, or the build's code.</param>
/// <param name="Name">What a reason calls it: a directory (<c>src</c>), <c>--configuration</c>, <c>Compile</c>, <c>the build</c>.</param>
/// <param name="Digest">SHA-256, hex; null when it cannot be known yet (<c>--plan</c>: a target it needs would run first).</param>
/// <param name="Files">For files: each file's path (as a reason names it) and content hash, ordered by path.</param>
internal sealed record InputDigest(InputDigestKind Kind, string Name, string? Digest, IReadOnlyList<FileDigest>? Files = null);

/// <summary>A file and its content hash (hex).</summary>
internal readonly record struct FileDigest(string Path, string Hash);

/// <summary>What an <see cref="InputDigest"/> stands for; written in lower case in the record.</summary>
internal enum InputDigestKind
{
    Files,
    Value,
    Target,
    Build,
}
