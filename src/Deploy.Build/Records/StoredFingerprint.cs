using System.Text.Json;
using Deploy.Build.Fingerprints;

namespace Deploy.Build.Records;

/// <summary>
/// A fingerprint as a target's record keeps it: <c>{ "version", "key", "inputs": [{ "kind", "name", "digest",
/// "files": { path: hash } }] }</c>, every digest SHA-256 in hex (a value's hash, never the value).
/// </summary>
internal static class StoredFingerprint
{
    public static void Write(Utf8JsonWriter json, Fingerprint fingerprint)
    {
        json.WriteStartObject();
        json.WriteNumber("version", Fingerprint.Version);
        json.WriteString("key", fingerprint.Key);
        json.WriteStartArray("inputs");
        foreach (var input in fingerprint.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("kind", input.Kind.ToString().ToLowerInvariant());
            json.WriteString("name", input.Name);
            json.WriteString("digest", input.Digest);
            if (input.Files is { } files)
            {
                json.WriteStartObject("files");
                foreach (var file in files)
                {
                    json.WriteString(file.Path, file.Hash);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The stored fingerprint, or null when the record has none, one of another version, or one whose key does not
    /// follow from its inputs (a damaged record). Without <paramref name="withFiles"/> the files' hashes are left out:
    /// the key is all an up-to-date target needs.
    /// </summary>
    public static Fingerprint? Read(JsonElement record, bool withFiles)
    {
        if (!record.TryGetProperty("fingerprint", out var stored) || stored.ValueKind != JsonValueKind.Object
            || stored.GetProperty("version").GetInt32() != Fingerprint.Version)
        {
            return null;
        }

        var inputs = stored.GetProperty("inputs").EnumerateArray().Select(input => new InputDigest(
            Enum.Parse<InputDigestKind>(input.GetProperty("kind").GetString()!, ignoreCase: true),
            input.GetProperty("name").GetString()!,
            input.GetProperty("digest").GetString(),
            withFiles && input.TryGetProperty("files", out var files)
                ? files.EnumerateObject().Select(f => new FileDigest(f.Name, f.Value.GetString()!)).ToList()
                : null)).ToList();
        var fingerprint = Fingerprint.Of(inputs);
        return fingerprint.Key == stored.GetProperty("key").GetString() ? fingerprint : null;
    }
}
