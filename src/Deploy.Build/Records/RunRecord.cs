using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Deploy.Build.Execution;
using Deploy.Build.Parameters;
using Deploy.Build.Planning;

namespace Deploy.Build.Records;

/// <summary>
/// <c>.nuke/temp/run.json</c>, the contract documented in docs/run-record.md: schema 3, result, times, wall
/// seconds, parallelism, the parameters given and where from (no value for secrets), the problems that kept an
/// invalid run from starting, and one entry per planned target with its direct prerequisites. Strings arrive with
/// secrets already masked. <see cref="RecordedRun"/> reads it back.
/// </summary>
internal static class RunRecord
{
    public const string FileName = "run.json";

    // The record is read by people and scripts, never embedded in HTML: a reason reads `Commit == \"x\"` and
    // non-ASCII text stays as it is, instead of \u0022 and \u2026 escapes.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The record's format version: 2 added <c>parameters</c>, <c>problems</c> and the result <c>Invalid</c>; 3 added
    /// each target's prerequisites (<c>dependsOn</c>, <c>triggeredBy</c>, <c>after</c>) and the status <c>UpToDate</c>.
    /// </summary>
    public const int Schema = 3;

    /// <param name="run">The finished (or never started) run.</param>
    /// <param name="parallelism">At most this many targets at once.</param>
    /// <param name="plan">The plan the targets come from (their prerequisites); null when the targets could not be resolved.</param>
    /// <param name="targets">Every planned target, in plan order.</param>
    /// <param name="parameters">The parameters given a value, and where from.</param>
    /// <param name="problems">Why an invalid run did not start (masked); empty otherwise.</param>
    /// <param name="mask">Masks secrets (and URL credentials) in parameter values.</param>
    public static byte[] Render(
        RunOutcome run,
        int parallelism,
        ExecutionPlan? plan,
        IReadOnlyList<TargetFinishedEvent> targets,
        IReadOnlyList<ResolvedParameter>? parameters = null,
        IReadOnlyList<string>? problems = null,
        Func<string, string>? mask = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteString("result", run.Result.ToString());
            json.WriteString("startedAt", Timestamp(run.StartedAt));
            json.WriteString("finishedAt", Timestamp(run.FinishedAt));
            json.WriteNumber("wallSeconds", Math.Round(run.WallTime.TotalSeconds, 3));
            json.WriteNumber("parallelism", parallelism);
            WriteParameters(json, parameters ?? [], mask ?? (text => text));
            json.WriteStartArray("problems");
            foreach (var problem in problems ?? [])
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();
            var planned = plan?.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal) ?? [];
            json.WriteStartArray("targets");
            foreach (var target in targets)
            {
                json.WriteStartObject();
                json.WriteString("name", target.Name);
                json.WriteString("status", target.Status.ToString());
                WritePrerequisites(json, planned.GetValueOrDefault(target.Name));
                WriteTime(json, "startedAt", target.StartedAt);
                WriteTime(json, "finishedAt", target.FinishedAt);
                json.WriteNumber("durationSeconds", Math.Round(target.Duration.TotalSeconds, 3));
                json.WriteString("reason", target.Reason);
                json.WriteString("error", target.Error);
                json.WriteStartObject("outputs");
                foreach (var (name, value) in target.Outputs)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// <c>"dependsOn"</c>, <c>"triggeredBy"</c>, <c>"after"</c>: the planned targets it waited for, by why, in plan
    /// order (After and Before both read "after": either way it only ran later).
    /// </summary>
    private static void WritePrerequisites(Utf8JsonWriter json, PlannedTarget? target)
    {
        var prerequisites = target?.Prerequisites.OrderBy(p => p.Order).ToList() ?? [];
        Write("dependsOn", PrerequisiteKind.DependsOn);
        Write("triggeredBy", PrerequisiteKind.Triggers);
        Write("after", PrerequisiteKind.After, PrerequisiteKind.Before);

        void Write(string name, params PrerequisiteKind[] kinds)
        {
            json.WriteStartArray(name);
            foreach (var prerequisite in prerequisites.Where(p => kinds.Contains(target!.KindOf(p))))
            {
                json.WriteStringValue(prerequisite.Name);
            }

            json.WriteEndArray();
        }
    }

    /// <summary><c>{ "name": "container-name", "source": ".nuke/parameters.json", "value": "web" }</c>; a secret has no value.</summary>
    private static void WriteParameters(Utf8JsonWriter json, IReadOnlyList<ResolvedParameter> parameters, Func<string, string> mask)
    {
        json.WriteStartArray("parameters");
        foreach (var given in parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", given.Parameter.CliName);
            json.WriteString("source", given.Source);
            if (given.Parameter.IsSecret)
            {
                // Not even a placeholder: the record says a secret was given and where from, nothing of its value.
            }
            else if (given.Parameter.ValueType.IsArray)
            {
                json.WriteStartArray("value");
                foreach (var value in given.Values)
                {
                    json.WriteStringValue(mask(value));
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteString("value", mask(string.Join(' ', given.Values)));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the record atomically, so a reader never sees half a file.</summary>
    public static Task WriteAsync(string temporaryDirectory, byte[] content, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(Path.Combine(temporaryDirectory, FileName), content, cancellationToken);

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, Timestamp(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
