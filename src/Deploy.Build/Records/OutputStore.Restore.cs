using System.Text.Json;

namespace Deploy.Build.Records;

internal sealed partial class OutputStore
{
    /// <summary>
    /// Puts back what a target handed on when it last succeeded (its restore actions get the stored values), for
    /// <c>--continue</c>: the record must come from a run with the same arguments. Null when done (or there is nothing
    /// to restore); else why it cannot be, and the target must run again. <paramref name="handsOn"/> is the digest of
    /// what it handed on (<see cref="CapturedOutputs.Digest"/>).
    /// </summary>
    public string? Restore(Definition.TargetSpec target, out string handsOn)
    {
        handsOn = CapturedOutputs.None.Digest;
        if (target.HandedOn.Count == 0)
        {
            return null;
        }

        var path = PathOf(target.Name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"what it hands on was not stored ({path} is missing)";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"{path} cannot be read ({exception.Message})";
        }

        using (document)
        {
            try
            {
                handsOn = document.RootElement.TryGetProperty("handsOn", out var digest) ? digest.GetString() ?? handsOn : handsOn;
                return Restore(target, document.RootElement, path, sameArguments: true);
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NotSupportedException)
            {
                return $"{path} does not hold what the target declares ({exception.Message})";
            }
        }
    }

    /// <param name="target">The target.</param>
    /// <param name="record">Its record.</param>
    /// <param name="path">Where the record is, for the reasons.</param>
    /// <param name="sameArguments">Whether the record must come from a run with these arguments (--continue); an up-to-date target's fingerprint decides instead.</param>
    private string? Restore(Definition.TargetSpec target, JsonElement record, string path, bool sameArguments)
    {
        if (record.GetProperty("schema").GetInt32() != Schema)
        {
            return $"{path} was written by another version of Deploy";
        }

        if (sameArguments && record.GetProperty("arguments").GetString() != arguments)
        {
            return $"{path} was written by a run with other arguments";
        }

        var declared = target.HandedOn.Where(o => o.StateType is not null).ToList();
        var stored = record.GetProperty("state").EnumerateArray().ToList();
        if (stored.Count != declared.Count || declared.Zip(stored).Any(p => p.First.StateType != p.Second.GetProperty("type").GetString()))
        {
            return $"the build now declares other outputs for it than {path} holds";
        }

        foreach (var handedOn in record.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!))
        {
            if (!File.Exists(handedOn) && !System.IO.Directory.Exists(handedOn))
            {
                return $"'{handedOn}', which it handed on, is gone";
            }
        }

        // Read every value before restoring any: a value that does not fit restores nothing.
        var values = declared.Zip(stored)
            .Select(p => (Output: p.First, Value: p.Second.GetProperty("value") is { ValueKind: not JsonValueKind.Null } value ? p.First.Read(value, StateOptions) : null))
            .ToList();
        foreach (var (output, value) in values.Where(v => v.Value is not null))
        {
            try
            {
                output.Apply(value!);
            }
            catch (Exception exception)
            {
                return $"restoring its {output.StateType} threw: {exception.Message}";
            }
        }

        return null;
    }
}
