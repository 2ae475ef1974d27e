namespace Deploy.Docker.Context;

/// <summary>A file the build adds to the context besides the context directory's own: its path in the tar and on disk.</summary>
/// <param name="EntryName">Where it goes in the context, <c>/</c>-separated and relative (<c>.deploy/rootfs/lib/…/libc.so.6</c>).</param>
/// <param name="SourcePath">The file on this machine; a symlink is followed, so the tar holds the real file under <paramref name="EntryName"/>.</param>
internal sealed record ContextFile(string EntryName, string SourcePath);
