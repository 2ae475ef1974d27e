using System.Text.Json;
using Deploy.Build.Definition;
using Deploy.Build.Parameters;

namespace Deploy.Build.Records;

/// <summary>
/// <c>.nuke/build.schema.json</c>: a JSON schema of the parameters and targets, for editor completion in
/// <c>.nuke/parameters.json</c>. Written only when its content changes, so it never dirties a clean tree.
/// </summary>
internal static class BuildSchema
{
    public static byte[] Render(BuildModel model, IReadOnlyList<ParameterDescriptor> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("title", "Deploy build parameters");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in parameters)
            {
                json.WriteStartObject(parameter.Name);
                WriteType(json, parameter.ValueType);
                // Editors show the description next to the key: where else the value comes from belongs there too.
                var description = parameter.Description is null ? parameter.EnvironmentText : $"{parameter.Description.TrimEnd('.')} ({parameter.EnvironmentText})";
                json.WriteString("description", description);
                json.WriteString("x-environment", parameter.EnvironmentVariable);
                if (parameter.Convention is not null)
                {
                    json.WriteString("x-convention", parameter.Convention);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("definitions");
            json.WriteStartObject("target");
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var target in model.Targets)
            {
                json.WriteStringValue(target.Name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <returns>Whether the file was written.</returns>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }

        File.WriteAllBytes(path, content);
        return true;
    }

    private static void WriteType(Utf8JsonWriter json, Type type)
    {
        if (type.IsArray)
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            WriteType(json, type.GetElementType()!);
            json.WriteEndObject();
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(type))
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            return;
        }

        json.WriteString("type", type == typeof(bool) ? "boolean" : type == typeof(int) || type == typeof(long) ? "integer" : type == typeof(double) ? "number" : "string");
        if (type == typeof(Uri))
        {
            json.WriteString("format", "uri");
        }
    }
}
