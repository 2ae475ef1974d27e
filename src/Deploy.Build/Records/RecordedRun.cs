namespace Deploy.Build.Records;

/// <summary>
/// A run record (<c>.nuke/temp/run.json</c>, docs/run-record.md) read back, of schema 1, 2 or 3: the one reader of
/// the format, for <c>run.html</c>, <c>--report</c>, and tools that start a build and read what it did.
/// </summary>
/// <param name="Schema">The record's format version.</param>
/// <param name="Result">How the run ended.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When the last target finished (equal to <paramref name="StartedAt"/> for an invalid run).</param>
/// <param name="WallTime">The run's wall time.</param>
/// <param name="Parallelism">At most this many targets ran at once.</param>
/// <param name="Parameters">The parameters given a value, in declaration order (empty in schema 1).</param>
/// <param name="Problems">Why an invalid run did not start (empty in schema 1).</param>
/// <param name="Targets">Every planned target, in plan order.</param>
public sealed record RecordedRun(
    int Schema,
    RunResult Result,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    TimeSpan WallTime,
    int Parallelism,
    IReadOnlyList<RecordedParameter> Parameters,
    IReadOnlyList<string> Problems,
    IReadOnlyList<RecordedTarget> Targets)
{
    /// <summary>The newest format this reader knows; it reads every one from 1 on.</summary>
    public const int NewestSchema = RunRecord.Schema;

    /// <summary>Whether the record lists each target's prerequisites (schema 3 on): older ones have none to follow.</summary>
    public bool HasPrerequisites => Schema >= 3;

    /// <summary>A target by name, exactly as recorded; null when the run did not plan it.</summary>
    public RecordedTarget? Find(string name) => Targets.FirstOrDefault(t => t.Name == name);

    /// <summary>Reads a record from its bytes.</summary>
    /// <exception cref="FormatException">It is not JSON, not of a schema this reader knows, or a key is missing or of the wrong kind; the message says which.</exception>
    public static RecordedRun Parse(ReadOnlySpan<byte> json) => RunRecordReader.Parse(json);

    /// <summary>Reads the record at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a run record (see <see cref="Parse"/>).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<RecordedRun> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
}
