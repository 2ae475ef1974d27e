using System.Globalization;
using System.Text.Json;

namespace Deploy.Build.Parameters;

/// <summary><c>.nuke/parameters.json</c> or <c>.nuke/parameters.&lt;profile&gt;.json</c>: parameter values by name.</summary>
internal sealed class ParameterFile
{
    private ParameterFile(string path, Dictionary<string, (string Key, List<string> Values)> values)
    {
        Path = path;
        Values = values;
    }

    public string Path { get; }

    /// <summary>By normalized name: the key as written, and its values as text.</summary>
    public Dictionary<string, (string Key, List<string> Values)> Values { get; }

    /// <summary>Reads a file; a missing file is null, a malformed one a problem.</summary>
    public static ParameterFile? Load(string path, string shownPath, List<string> problems)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var values = new Dictionary<string, (string, List<string>)>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{shownPath} must hold a JSON object of parameter names and values, e.g. {{ \"Parallel\": 2 }}.");
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$') || property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                var texts = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(Text).ToList()
                    : [Text(property.Value)];
                values[Names.Normalize(property.Name)] = (property.Name, texts);
            }
        }
        catch (JsonException exception)
        {
            problems.Add($"{shownPath} is not valid JSON (line {exception.LineNumber + 1}): {exception.Message.Split(" Path:")[0]} Fix or delete the file.");
            return null;
        }

        return new ParameterFile(shownPath, values);
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => element.GetRawText().ToString(CultureInfo.InvariantCulture),
    };
}
