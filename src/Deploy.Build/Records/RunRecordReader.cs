using System.Globalization;
using System.Text.Json;

namespace Deploy.Build.Records;

/// <summary>
/// Parses run.json (<see cref="RunRecord"/> writes it) with System.Text.Json into a <see cref="RecordedRun"/>. Keys a
/// schema added later are empty in an older record: schema 2 added <c>parameters</c> and <c>problems</c>, schema 3
/// each target's <c>dependsOn</c>, <c>triggeredBy</c> and <c>after</c>.
/// </summary>
internal static class RunRecordReader
{
    public static RecordedRun Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            if (!root.TryGetProperty("schema", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var schema) || schema < 1 || schema > RunRecord.Schema)
            {
                throw new FormatException($"it is not a run record of schema 1 to {RunRecord.Schema}");
            }

            return new RecordedRun(
                schema,
                Enum<RunResult>(root, "result"),
                Time(root, "startedAt") ?? throw new FormatException("\"startedAt\" is null"),
                Time(root, "finishedAt") ?? throw new FormatException("\"finishedAt\" is null"),
                TimeSpan.FromSeconds(Property(root, "wallSeconds", JsonValueKind.Number).GetDouble()),
                Property(root, "parallelism", JsonValueKind.Number).GetInt32(),
                schema >= 2 ? Property(root, "parameters", JsonValueKind.Array).EnumerateArray().Select(ReadParameter).ToList() : [],
                schema >= 2 ? Texts(root, "problems") : [],
                Property(root, "targets", JsonValueKind.Array).EnumerateArray().Select(t => ReadTarget(t, schema)).ToList());
        }
        catch (JsonException exception)
        {
            throw new FormatException($"it is not valid JSON ({exception.Message})", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new FormatException($"it does not match the run record ({exception.Message})", exception);
        }
    }

    private static RecordedTarget ReadTarget(JsonElement target, int schema)
    {
        var name = Text(target, "name") ?? throw new FormatException("a target has no name");
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (target.TryGetProperty("outputs", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var output in given.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.String))
            {
                outputs[output.Name] = output.Value.GetString()!;
            }
        }

        return new RecordedTarget(
            name,
            Enum<TargetStatus>(target, "status"),
            Time(target, "startedAt"),
            Time(target, "finishedAt"),
            TimeSpan.FromSeconds(Property(target, "durationSeconds", JsonValueKind.Number).GetDouble()),
            Text(target, "reason"),
            Text(target, "error"),
            outputs,
            schema >= 3 ? Texts(target, "dependsOn") : [],
            schema >= 3 ? Texts(target, "triggeredBy") : [],
            schema >= 3 ? Texts(target, "after") : []);
    }

    private static RecordedParameter ReadParameter(JsonElement parameter)
    {
        var name = Text(parameter, "name") ?? throw new FormatException("a parameter has no name");
        IReadOnlyList<string>? values = parameter.TryGetProperty("value", out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => Texts(parameter, "value"),
            _ => throw new FormatException($"the value of parameter '{name}' is neither a string nor an array"),
        } : null;
        return new RecordedParameter(name, Text(parameter, "source") ?? throw new FormatException($"parameter '{name}' has no source"), values);
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"\"{name}\" is missing or not a{(kind == JsonValueKind.Array ? "n" : "")} {kind.ToString().ToLowerInvariant()}");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Texts(JsonElement element, string name) =>
        Property(element, name, JsonValueKind.Array).EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException($"\"{name}\" holds something other than strings"))
            .ToList();

    private static T Enum<T>(JsonElement element, string name)
        where T : struct, Enum =>
        Text(element, name) is { } text && System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new FormatException($"\"{name}\" is '{Text(element, name)}', not one of {string.Join(", ", System.Enum.GetNames<T>())}");

    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        if (Text(element, name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatException($"\"{name}\" is not a time: '{text}'");
    }
}
