using System.Formats.Tar;
using System.IO.Pipelines;

namespace Deploy.Docker.Context;

/// <summary>
/// The build context sent to the engine: the context directory filtered by its <c>.dockerignore</c>, plus
/// directories and files the build stages into it (the published service, shared libraries) without copying
/// them on disk. It is written as a tar <b>while it is sent</b>, through a pipe that holds at most about a
/// megabyte, so a context of any size costs the same memory.
/// </summary>
internal sealed class ContextArchive
{
    private const long PauseWriterThreshold = 1024 * 1024;

    private readonly string _directory;
    private readonly DockerIgnore _ignore;
    private readonly IReadOnlyList<(string Prefix, string Directory)> _stagedDirectories;
    private readonly IReadOnlyList<ContextFile> _stagedFiles;
    private readonly HashSet<string> _parents = new(StringComparer.Ordinal);
    private readonly string? _leftOut;

    /// <param name="directory">The context directory.</param>
    /// <param name="ignore">Its <c>.dockerignore</c> rules.</param>
    /// <param name="stagedDirectories">Directories added under a prefix (<c>.deploy/publish</c>).</param>
    /// <param name="stagedFiles">Files added under their entry names (<c>.deploy/rootfs/…</c>).</param>
    /// <param name="leftOut">A directory inside the context that is never sent, whatever the rules say (the build's <c>.nuke/temp</c>).</param>
    public ContextArchive(
        string directory,
        DockerIgnore ignore,
        IReadOnlyList<(string Prefix, string Directory)>? stagedDirectories = null,
        IReadOnlyList<ContextFile>? stagedFiles = null,
        string? leftOut = null)
    {
        _directory = Path.GetFullPath(directory);
        _leftOut = leftOut is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(leftOut));
        _ignore = ignore;
        _stagedDirectories = stagedDirectories ?? [];
        _stagedFiles = stagedFiles ?? [];
    }

    /// <summary>Number of files (and links) written by the last <see cref="WriteAsync"/>.</summary>
    public int FileCount { get; private set; }

    /// <summary>
    /// Starts writing the tar into a pipe and returns its reading end; <c>Completion</c> ends when the whole
    /// tar is written (or faults with the reason it could not be). Cancel <paramref name="cancellationToken"/>
    /// when the reader gives up, so the writer stops too.
    /// </summary>
    public (Stream Reader, Task Completion) Open(CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseWriterThreshold, resumeWriterThreshold: PauseWriterThreshold / 2, minimumSegmentSize: 128 * 1024, useSynchronizationContext: false));
        var completion = Task.Run(
            async () =>
            {
                try
                {
                    await using (var stream = pipe.Writer.AsStream(leaveOpen: true))
                    {
                        await WriteAsync(stream, cancellationToken).ConfigureAwait(false);
                    }

                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                    throw;
                }
            },
            cancellationToken);
        return (pipe.Reader.AsStream(), completion);
    }

    /// <summary>Writes the whole context as a tar into <paramref name="output"/>.</summary>
    public async Task WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        FileCount = 0;
        _parents.Clear();
        var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            await WriteDirectoryAsync(tar, _directory, "", filter: true, cancellationToken).ConfigureAwait(false);
            foreach (var (prefix, directory) in _stagedDirectories)
            {
                await WriteParentsAsync(tar, prefix, cancellationToken).ConfigureAwait(false);
                await WriteDirectoryAsync(tar, directory, prefix, filter: false, cancellationToken).ConfigureAwait(false);
            }

            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in _stagedFiles)
            {
                if (written.Add(file.EntryName))
                {
                    await WriteParentsAsync(tar, file.EntryName[..Math.Max(0, file.EntryName.LastIndexOf('/'))], cancellationToken).ConfigureAwait(false);
                    await WriteResolvedFileAsync(tar, file, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task WriteDirectoryAsync(TarWriter tar, string directory, string prefix, bool filter, CancellationToken cancellationToken)
    {
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            if (filter && isDirectory && string.Equals(entry.FullName, _leftOut, StringComparison.Ordinal))
            {
                continue;
            }

            if (filter && _ignore.Excludes(name))
            {
                // An excluded directory is still walked when a "!" line might bring back something inside it, or it
                // holds the Dockerfile.
                if (isDirectory && _ignore.MayKeepSomethingIn(name))
                {
                    await WriteDirectoryAsync(tar, entry.FullName, name, filter, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await tar.WriteEntryAsync(entry.FullName, isDirectory ? name + "/" : name, cancellationToken).ConfigureAwait(false);
            FileCount += isDirectory ? 0 : 1;
            if (isDirectory)
            {
                await WriteDirectoryAsync(tar, entry.FullName, name, filter, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Directory entries for a staged path's parents, so the files land in directories of mode 755.</summary>
    private async Task WriteParentsAsync(TarWriter tar, string path, CancellationToken cancellationToken)
    {
        var current = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.Length == 0 ? part : current + "/" + part;
            if (_parents.Add(current))
            {
                var entry = new GnuTarEntry(TarEntryType.Directory, current + "/")
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                           UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteResolvedFileAsync(TarWriter tar, ContextFile file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file.SourcePath);
        var real = info.LinkTarget is null ? info : (FileInfo?)info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        var data = new FileStream(real.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (data.ConfigureAwait(false))
        {
            var entry = new GnuTarEntry(TarEntryType.RegularFile, file.EntryName)
            {
                Mode = real.UnixFileMode,
                ModificationTime = real.LastWriteTimeUtc,
                DataStream = data,
            };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            FileCount++;
        }
    }
}
