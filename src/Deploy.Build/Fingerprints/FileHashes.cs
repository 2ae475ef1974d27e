using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// Content hashes (SHA-256) of input files, cached by path, size and modification time so that an unchanged file
/// is not read again: the time only says when to read a file again, the content decides (a touched file hashes to
/// what it did). Kept in <c>.nuke/temp/file-hashes.bin</c> between runs. A hash is kept only for a file last written
/// at least <see cref="Settled"/> before it was read, since a second write within the file system's timestamp
/// granularity could leave size and time as they were (git's "racily clean" entries).
/// </summary>
internal sealed partial class FileHashes
{
    public const string FileName = "file-hashes.bin";

    /// <summary>How long ago a file must have been written for its hash to be kept.</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    private readonly string? _file;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // The files this run asked about: when the cache outgrows its bound, the others go first.
    private readonly ConcurrentDictionary<string, bool> _used = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _loaded;
    private long? _settledBefore;
    private int _changes;
    private int _computed;

    /// <param name="temporaryDirectory">Where the cache is kept; null: in memory only (<c>--plan</c>, which writes nothing).</param>
    public FileHashes(string? temporaryDirectory)
    {
        _file = temporaryDirectory is null ? null : Path.Combine(temporaryDirectory, FileName);
    }

    /// <summary>How many files this run read to hash them (cache misses): for the benchmark and the tests.</summary>
    public int Computed => Volatile.Read(ref _computed);

    /// <summary>The content hashes of <paramref name="files"/>, in their order, reading only those the cache does not know (in parallel).</summary>
    public byte[][] HashAll(IReadOnlyList<TreeFile> files, CancellationToken cancellationToken = default)
    {
        Load();
        var hashes = new byte[files.Count][];
        var misses = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            _used.TryAdd(file.FullPath, true);
            if (!file.IsLink && file.Length >= 0 && _entries.TryGetValue(file.FullPath, out var entry) && entry.Length == file.Length && entry.LastWriteTicks == file.LastWriteTicks)
            {
                hashes[i] = entry.Hash;
            }
            else
            {
                misses.Add(i);
            }
        }

        if (misses.Count == 0)
        {
            return hashes;
        }

        var settledBefore = SettledBefore();
        Parallel.ForEach(misses, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = files[i];
            hashes[i] = Hash(file);
            Interlocked.Increment(ref _computed);
            if (!file.IsLink && file.Length >= 0 && file.LastWriteTicks < settledBefore)
            {
                _entries[file.FullPath] = new Entry(file.Length, file.LastWriteTicks, hashes[i]);
                Interlocked.Increment(ref _changes);
            }
        });
        return hashes;
    }

    /// <summary>A file's digest: its content's SHA-256; a link's also covers its target's text; a missing file's is fixed.</summary>
    private static byte[] Hash(TreeFile file)
    {
        if (file.Length < 0)
        {
            return SHA256.HashData("missing"u8);
        }

        if (file.IsLink)
        {
            var info = new FileInfo(file.FullPath);
            var target = Encoding.UTF8.GetBytes("link\0" + info.LinkTarget);
            var content = File.Exists(file.FullPath) ? HashContent(file.FullPath) : [];
            return SHA256.HashData([.. target, 0, .. content]);
        }

        try
        {
            return HashContent(file.FullPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted between the walk and the read: as if it were missing.
            return SHA256.HashData("missing"u8);
        }
    }

    private static byte[] HashContent(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        return SHA256.HashData(stream);
    }

    /// <summary>
    /// The file system's "now" minus <see cref="Settled"/>, read once before the first file is: the modification time
    /// of a file written for the purpose, since file times come from the file system's clock, not the run's.
    /// </summary>
    private long SettledBefore()
    {
        lock (_lock)
        {
            if (_settledBefore is { } known)
            {
                return known;
            }

            if (_file is null)
            {
                // Memory only (--plan): the hashes last as long as this one look at the files.
                _settledBefore = long.MaxValue;
                return _settledBefore.Value;
            }

            // A clock that cannot be read keeps nothing: every file is read again next time.
            var clock = _file + ".clock";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(clock)!);
                File.WriteAllBytes(clock, []);
                _settledBefore = File.GetLastWriteTimeUtc(clock).Ticks - Settled.Ticks;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                _settledBefore = long.MinValue;
            }

            return _settledBefore.Value;
        }
    }

    private readonly record struct Entry(long Length, long LastWriteTicks, byte[] Hash);
}
