using System.Globalization;
using System.Text.Json;
using Deploy.Build.Definition;
using Deploy.Build.Fingerprints;

namespace Deploy.Build.Records;

internal sealed partial class OutputStore
{
    public const string NeverRan = "no successful run recorded";

    /// <summary>
    /// Compares a target's fingerprint with the one its record holds. When they are equal, puts back what it handed on
    /// then (whatever run wrote the record: the fingerprint stands for the arguments that matter) and says since when
    /// its inputs are unchanged; otherwise, or when that cannot be restored, says why it runs.
    /// </summary>
    public UpToDateCheck Check(TargetSpec target, Fingerprint current)
    {
        var path = PathOf(target.Name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return UpToDateCheck.Runs(NeverRan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return UpToDateCheck.Runs($"{path} cannot be read ({exception.Message})");
        }

        using (document)
        {
            var record = document.RootElement;
            try
            {
                if (record.GetProperty("schema").GetInt32() != Schema)
                {
                    return UpToDateCheck.Runs("its record was written by another version of Deploy");
                }

                if (StoredFingerprint.Read(record, withFiles: false) is not { } stored)
                {
                    return UpToDateCheck.Runs("its last run recorded no fingerprint");
                }

                if (stored.Key != current.Key)
                {
                    return UpToDateCheck.Runs(FingerprintChanges.Describe(current, StoredFingerprint.Read(record, withFiles: true)!));
                }

                if (Restore(target, record, path, sameArguments: false) is { } problem)
                {
                    return UpToDateCheck.Runs(problem);
                }

                var since = DateTimeOffset.Parse(record.GetProperty("finishedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return new UpToDateCheck(true, $"inputs unchanged since {since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}", record.GetProperty("handsOn").GetString());
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
            {
                return UpToDateCheck.Runs($"{path} does not hold what the target declares ({exception.Message})");
            }
        }
    }

    /// <summary>
    /// For <c>--plan</c>: puts back what the target handed on when it last succeeded, whatever its fingerprint, as the
    /// best guess of what it will hand on (the same directory, most often), so the inputs of the targets after it can
    /// be read. Nothing happens when there is no usable record.
    /// </summary>
    public void RestoreLast(TargetSpec target)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(target.Name)));
            _ = Restore(target, document.RootElement, PathOf(target.Name), sameArguments: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NotSupportedException)
        {
        }
    }
}
