namespace Deploy.Build.Records;

/// <summary>
/// One run at a time per root: <c>.nuke/temp/run.lock</c>, locked exclusively (an advisory lock on Linux and macOS,
/// a sharing lock on Windows; the operating system drops it when the process ends, however it ends) from before the
/// log opens until the run record is written. A second run on the same root waits for it, saying so once: two runs
/// at once would share the log, the run record, the targets' records and what the targets write (a publish
/// directory), and neither's result could be trusted. <c>--plan</c>, <c>--help</c> and commands take no lock.
/// </summary>
internal sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _lock;

    private RunLock(FileStream held)
    {
        _lock = held;
    }

    /// <summary>The lock, once no other run holds it; null when <paramref name="cancellationToken"/> (Ctrl+C) stopped the wait.</summary>
    public static async Task<RunLock?> AcquireAsync(string temporaryDirectory, TextWriter notices, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(temporaryDirectory, FileName);
        var told = false;

        // Tried even when Ctrl+C came first: a run cancelled before it starts still runs its assured targets.
        while (true)
        {
            try
            {
                return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException exception) when (IsHeld(exception))
            {
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (!told)
            {
                told = true;
                await notices.WriteLineAsync($"Another run on this root is in progress (it holds {path}): waiting for it to finish. Ctrl+C stops waiting.").ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(Retry, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Whether opening failed because another process (or run) holds the lock: EWOULDBLOCK from flock on Linux (11) and
    /// macOS (35), ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows. Anything else (no permission, no disk) is not waited out.
    /// </summary>
    private static bool IsHeld(IOException exception) => exception.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
