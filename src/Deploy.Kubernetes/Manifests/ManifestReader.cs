using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// Reads manifest files into objects: every YAML document (<c>---</c>) of every file in order, empty documents
/// skipped, <c>kind: List</c> (and any <c>…List</c> with <c>items</c>) expanded into its items, as kubectl does.
/// Each object keeps every field as written, unknown kinds and fields included. Problems are collected, not thrown.
/// </summary>
internal static class ManifestReader
{
    public static IReadOnlyList<ManifestObject> Read(IReadOnlyList<string> files, string? baseDirectory, List<string> problems)
    {
        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            var shown = Show(file, baseDirectory);
            YamlStream stream;
            try
            {
                using var reader = new StreamReader(file);
                stream = new YamlStream();
                stream.Load(new MergingParser(new Parser(reader)));
            }
            catch (YamlException exception)
            {
                problems.Add($"The manifest {shown} is not valid YAML at line {exception.Start.Line}, column {exception.Start.Column}: {Reason(exception)}. Fix the file.");
                continue;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                problems.Add($"The manifest {shown} could not be read: {exception.Message.TrimEnd('.')}. Check that it exists and is readable.");
                continue;
            }

            for (var index = 0; index < stream.Documents.Count; index++)
            {
                var source = stream.Documents.Count == 1 ? shown : $"{shown} (document {(index + 1).ToString(CultureInfo.InvariantCulture)})";
                JsonNode? json;
                try
                {
                    json = YamlToJson.Convert(stream.Documents[index].RootNode);
                }
                catch (YamlException exception)
                {
                    problems.Add($"The manifest {source} has a value kubectl could not send, at line {exception.Start.Line}, column {exception.Start.Column}: {Reason(exception)}.");
                    continue;
                }

                Add(json, source, objects, problems);
            }
        }

        return objects;
    }

    private static void Add(JsonNode? json, string source, List<ManifestObject> objects, List<string> problems)
    {
        switch (json)
        {
            case null:
                // An empty document (a stray ---, or only comments) is nothing to apply.
                return;
            case JsonObject list when list["items"] is JsonArray items && Text(list, "kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal):
                for (var i = 0; i < items.Count; i++)
                {
                    Add(items[i]?.DeepClone(), $"{source} item {(i + 1).ToString(CultureInfo.InvariantCulture)}", objects, problems);
                }

                return;
            case JsonObject body:
                if (Check(body, source) is { } problem)
                {
                    problems.Add(problem);
                    return;
                }

                objects.Add(new ManifestObject(source, body));
                return;
            default:
                problems.Add($"The manifest {source} is not a Kubernetes object: each document must be a mapping with apiVersion, kind and metadata.name.");
                return;
        }
    }

    private static string? Check(JsonObject body, string source)
    {
        var missing = new List<string>();
        if (Text(body, "apiVersion") is not { Length: > 0 })
        {
            missing.Add("apiVersion");
        }

        if (Text(body, "kind") is not { Length: > 0 })
        {
            missing.Add("kind");
        }

        if (body["metadata"] is not JsonObject metadata || Text(metadata, "name") is not { Length: > 0 })
        {
            missing.Add(body["metadata"]?["generateName"] is not null ? "metadata.name (apply needs a fixed name; generateName is not enough)" : "metadata.name");
        }

        return missing.Count > 0
            ? $"The manifest {source} has no {string.Join(", no ", missing)}: every object needs apiVersion, kind and metadata.name (as strings)."
            : null;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // YamlDotNet prefixes its messages with the marks, "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): ...".
    private static string Reason(YamlException exception)
    {
        var message = exception.Message;
        var end = message.IndexOf("): ", StringComparison.Ordinal);
        return (message.StartsWith('(') && end >= 0 ? message[(end + 3)..] : message).TrimEnd('.');
    }

    private static string Show(string file, string? baseDirectory)
    {
        if (baseDirectory is null)
        {
            return file;
        }

        var relative = Path.GetRelativePath(baseDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }
}
