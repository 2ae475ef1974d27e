using System.Security.Cryptography;
using System.Text;
using Deploy.Build.Records;

namespace Deploy.Build.Fingerprints;

internal sealed partial class FileHashes
{
    // "DFH1", then the entries, then the SHA-256 of all that: a file cut short or written by another version is
    // recognised and ignored (every file is then read again), never half-used.
    private static readonly byte[] Magic = "DFH1"u8.ToArray();

    /// <summary>At most this many hashes are kept; beyond it, those this run did not need go first.</summary>
    private const int MaxEntries = 500_000;

    private void Load()
    {
        lock (_lock)
        {
            if (_loaded)
            {
                return;
            }

            _loaded = true;
            if (_file is null || !File.Exists(_file))
            {
                return;
            }

            try
            {
                Parse(File.ReadAllBytes(_file));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException)
            {
                _entries.Clear();
            }
        }
    }

    private void Parse(byte[] content)
    {
        if (content.Length < Magic.Length + 4 + 32 || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !SHA256.HashData(content.AsSpan(0, content.Length - 32)).AsSpan().SequenceEqual(content.AsSpan(content.Length - 32)))
        {
            return;
        }

        using var reader = new BinaryReader(new MemoryStream(content, Magic.Length, content.Length - Magic.Length - 32), Encoding.UTF8);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var length = reader.ReadInt64();
            var ticks = reader.ReadInt64();
            var hash = reader.ReadBytes(32);
            _entries.TryAdd(path, new Entry(length, ticks, hash));
        }
    }

    /// <summary>
    /// Writes the cache when this run learnt something (atomically: a run beside this one reads the old file or the
    /// new one, whole). Never fails the run: a cache that cannot be written means reading the files again.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (_file is null || Volatile.Read(ref _changes) == 0)
        {
            return;
        }

        var entries = _entries.ToArray();
        if (entries.Length > MaxEntries)
        {
            entries = entries.OrderByDescending(e => _used.ContainsKey(e.Key)).Take(MaxEntries).ToArray();
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(entries.Length);
            foreach (var (path, entry) in entries)
            {
                writer.Write(path);
                writer.Write(entry.Length);
                writer.Write(entry.LastWriteTicks);
                writer.Write(entry.Hash);
            }
        }

        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        try
        {
            await AtomicFile.WriteAsync(_file, stream.ToArray(), cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _changes, 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
