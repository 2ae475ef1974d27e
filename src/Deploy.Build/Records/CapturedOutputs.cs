using System.Text.Encodings.Web;
using System.Text.Json;

namespace Deploy.Build.Records;

/// <summary>
/// What a target handed on, as its record keeps it: each declared state (type and JSON value) and the paths that must
/// still exist. <see cref="Digest"/> stands for all of it in the fingerprints of the targets that need this one.
/// </summary>
internal sealed class CapturedOutputs
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CapturedOutputs(IReadOnlyList<(string Type, JsonElement? Value)> states, IReadOnlyList<string> paths)
    {
        States = states;
        Paths = paths;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Compact))
        {
            json.WriteStartObject();
            WriteTo(json);
            json.WriteEndObject();
        }

        Digest = Fingerprints.Fingerprint.Hex(stream.ToArray());
    }

    /// <summary>Nothing handed on (a target that declares no outputs).</summary>
    public static CapturedOutputs None { get; } = new([], []);

    public IReadOnlyList<(string Type, JsonElement? Value)> States { get; }

    public IReadOnlyList<string> Paths { get; }

    /// <summary>SHA-256 (hex) of the states and paths as written.</summary>
    public string Digest { get; }

    /// <summary>Writes <c>"state": [{ type, value }], "paths": [...]</c> into the object <paramref name="json"/> is in.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartArray("state");
        foreach (var (type, value) in States)
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WritePropertyName("value");
            if (value is { } element)
            {
                element.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("paths");
        foreach (var path in Paths)
        {
            json.WriteStringValue(path);
        }

        json.WriteEndArray();
    }
}
