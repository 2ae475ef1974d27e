namespace Deploy.Build.Fingerprints;

/// <summary>A file <see cref="FileTree"/> selected: where it is, and what its content hash is cached by.</summary>
/// <param name="Path">Relative to the directory walked, <c>/</c>-separated.</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="Length">Its size; -1 when it does not exist.</param>
/// <param name="LastWriteTicks">Its modification time (UTC ticks).</param>
/// <param name="IsLink">A symbolic link: its target's text is part of its digest, and it is never cached.</param>
internal readonly record struct TreeFile(string Path, string FullPath, long Length, long LastWriteTicks, bool IsLink);
