namespace Deploy.Build.Records;

/// <summary>
/// Writes a file whole or not at all: a reader (or a run killed halfway) never sees half of it. Each write goes to a
/// file of its own beside the target first, then is renamed over it, so two writers racing on one file leave one
/// of their contents whole, never a mix (rename replaces atomically on one file system).
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken = default)
    {
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllBytesAsync(partial, content, cancellationToken).ConfigureAwait(false);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
