using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Deploy.Build.Definition;
using Deploy.Build.Logging;

namespace Deploy.Build.Records;

/// <summary>
/// What targets hand on to later ones (<see cref="ITargetDefinition.Outputs{T}"/>) and the fingerprint of their inputs
/// (<see cref="ITargetDefinition.Inputs"/>), one record per target in <c>.nuke/temp/outputs/&lt;target&gt;.json</c>:
/// removed as the target starts, written (atomically) only after it succeeded, so a target that failed has none.
/// <c>--continue</c> restores a skipped target from it, and a target whose fingerprint matches is up to date. The record names the arguments of the run that wrote it (a hash, as
/// <see cref="ContinueState"/> keeps them), and a state holding a secret value is never written.
/// </summary>
internal sealed partial class OutputStore(string rootDirectory, string arguments, SecretMasker masker)
{
    // 2 added handsOn and fingerprint (issue 15).
    public const int Schema = 2;
    public const string DirectoryName = "outputs";

    // Web defaults: camelCase names, read case-insensitively. Strict about nulls and constructor parameters, so a
    // record that no longer fits the type (the build changed) fails to read and the target runs again.
    private static readonly JsonSerializerOptions StateOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Directory => Path.Combine(rootDirectory, ".nuke", "temp", DirectoryName);

    public string PathOf(string target) => Path.Combine(Directory, target + ".json");

    /// <summary>Removes a target's record as it starts: whatever it handed on before no longer holds.</summary>
    public void Forget(string target)
    {
        try
        {
            File.Delete(PathOf(target));
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// What a target that just succeeded hands on. Throws <see cref="DeployException"/> when its state cannot be
    /// stored as JSON (a definition problem: the target fails, as a throwing <c>Produces</c> does).
    /// </summary>
    public CapturedOutputs Capture(TargetSpec target)
    {
        var states = new List<(string Type, JsonElement? Value)>();
        var paths = new List<string>();
        foreach (var output in target.HandedOn)
        {
            JsonElement? state;
            IEnumerable<string> declared;
            try
            {
                (state, declared) = output.Capture(StateOptions);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new DeployException(
                    $"Target '{target.Name}' declares Outputs<{output.StateType}>, but its state cannot be stored as JSON: {exception.Message} Hand on a record of JSON values (strings, numbers, lists, records with a constructor).",
                    exception);
            }

            if (output.StateType is { } type)
            {
                states.Add((type, state));
            }

            paths.AddRange(declared.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.GetFullPath(p, rootDirectory)));
        }

        return new CapturedOutputs(states, paths.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The record of a target that succeeded: what it hands on and, when it declares inputs, its fingerprint.</summary>
    public byte[] Render(TargetSpec target, CapturedOutputs outputs, DateTimeOffset finishedAt, Fingerprints.Fingerprint? fingerprint)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteString("target", target.Name);
            json.WriteString("arguments", arguments);
            json.WriteString("finishedAt", finishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            outputs.WriteTo(json);
            json.WriteString("handsOn", outputs.Digest);
            json.WritePropertyName("fingerprint");
            if (fingerprint is { Key: not null })
            {
                StoredFingerprint.Write(json, fingerprint);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Writes a record <see cref="Render"/> made; null when written, else why not (for a warning).</summary>
    public async Task<string?> SaveAsync(string target, byte[] record, CancellationToken cancellationToken = default)
    {
        if (masker.HasSecrets && masker.ContainsSecret(Encoding.UTF8.GetString(record)))
        {
            Forget(target);
            return "its state holds a secret value, which is never written to disk";
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            await AtomicFile.WriteAsync(PathOf(target), record, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{PathOf(target)} could not be written ({exception.Message})";
        }
    }
}
