using System.Globalization;
using System.Text.Json;

namespace Deploy.Build.Reports;

/// <summary>A target as run.json records it.</summary>
internal sealed record ReportedTarget(string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double DurationSeconds, string? Reason, string? Error);

/// <summary>
/// What run.html is drawn from: run.json (the contract in DESIGN.md) read back with System.Text.Json, and
/// nothing else, so a record saved as a CI artifact renders the same page later.
/// </summary>
internal sealed record RunReport(string Result, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double WallSeconds, int Parallelism, IReadOnlyList<ReportedTarget> Targets)
{
    /// <summary>The record, or why it cannot be read (not JSON, not schema 1 to 3, a key missing or of the wrong kind).</summary>
    public static RunReport Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number || schema.GetInt32() is < 1 or > Records.RunRecord.Schema)
            {
                // Schemas 2 and 3 only added keys (parameters, problems), the result Invalid and the status UpToDate: a page of any reads the same.
                throw new FormatException($"it is not a run record of schema 1 to {Records.RunRecord.Schema}");
            }

            var targets = Property(root, "targets", JsonValueKind.Array).EnumerateArray().Select(t => new ReportedTarget(
                Text(t, "name") ?? throw new FormatException("a target has no name"),
                Text(t, "status") ?? throw new FormatException("a target has no status"),
                Time(t, "startedAt"),
                Time(t, "finishedAt"),
                Property(t, "durationSeconds", JsonValueKind.Number).GetDouble(),
                Text(t, "reason"),
                Text(t, "error"))).ToList();
            return new RunReport(
                Text(root, "result") ?? throw new FormatException("\"result\" is null"),
                Time(root, "startedAt") ?? throw new FormatException("\"startedAt\" is null"),
                Time(root, "finishedAt") ?? throw new FormatException("\"finishedAt\" is null"),
                Property(root, "wallSeconds", JsonValueKind.Number).GetDouble(),
                Property(root, "parallelism", JsonValueKind.Number).GetInt32(),
                targets);
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

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"\"{name}\" is missing or not a{(kind == JsonValueKind.Array ? "n" : "")} {kind.ToString().ToLowerInvariant()}");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
