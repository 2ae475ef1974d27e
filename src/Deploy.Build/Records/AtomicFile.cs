namespace Deploy.Build.Records;

/// <summary>Writes a file whole or not at all: a reader (or a run killed halfway) never sees half of it.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken = default)
    {
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }
}
