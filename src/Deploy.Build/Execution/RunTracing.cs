using System.Diagnostics;

namespace Deploy.Build.Execution;

/// <summary>
/// The spans of a run, named and tagged after the OpenTelemetry CI/CD semantic conventions where they name the
/// attribute (https://opentelemetry.io/docs/specs/semconv/cicd/cicd-spans/), <c>deploy.*</c> where they do not.
/// Without a listener on <see cref="BuildTracing.ActivitySourceName"/> every call here is a null check.
/// Times come from the run's clock, so a span starts and ends exactly when the run record says.
/// </summary>
internal static class RunTracing
{
    public const string PipelineName = "cicd.pipeline.name";
    public const string PipelineActionName = "cicd.pipeline.action.name";
    public const string PipelineRunId = "cicd.pipeline.run.id";
    public const string PipelineResult = "cicd.pipeline.result";
    public const string TaskName = "cicd.pipeline.task.name";
    public const string TaskRunId = "cicd.pipeline.task.run.id";
    public const string TaskRunResult = "cicd.pipeline.task.run.result";
    public const string ErrorType = "error.type";
    public const string Status = "deploy.target.status";
    public const string Reason = "deploy.target.reason";
    public const string Fingerprint = "deploy.target.fingerprint";
    public const string Parallelism = "deploy.parallelism";
    public const string OutputPrefix = "deploy.output.";

    /// <summary>The action of every run (a well-known value of <c>cicd.pipeline.action.name</c>).</summary>
    public const string Action = "RUN";

    /// <summary>Outputs with a semantic-convention name of their own (besides <c>deploy.output.NAME</c>).</summary>
    private static readonly (string Output, string Attribute)[] WellKnownOutputs =
    [
        ("commit", "vcs.ref.head.revision"),
        ("ref", "vcs.ref.head.name"),
        ("digest", "oci.manifest.digest"),
    ];

    private static readonly ActivitySource Source = new(BuildTracing.ActivitySourceName);

    /// <summary>The run's span ("RUN Rollout"): a SERVER span, child of whatever activity is current for the caller.</summary>
    public static Activity? StartRun(IReadOnlyList<string> invoked, DateTimeOffset startedAt, int parallelism)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var pipeline = string.Join(' ', invoked);
        var run = Source.StartActivity(ActivityKind.Server, startTime: startedAt, name: $"{Action} {pipeline}".TrimEnd());
        if (run is not null)
        {
            run.SetTag(PipelineName, pipeline);
            run.SetTag(PipelineActionName, Action);
            run.SetTag(PipelineRunId, run.TraceId.ToHexString());
            run.SetTag(Parallelism, parallelism);
        }

        return run;
    }

    /// <summary>A target's span, named after it, started now in the calling flow (so it is <see cref="Activity.Current"/> there).</summary>
    public static Activity? StartTarget(Activity? run, string name, DateTimeOffset startedAt)
    {
        if (run is null)
        {
            return null;
        }

        var span = Source.StartActivity(name, ActivityKind.Internal, run.Context, startTime: startedAt);
        if (span is not null)
        {
            span.SetTag(TaskName, name);
            span.SetTag(TaskRunId, span.SpanId.ToHexString());
        }

        return span;
    }

    /// <summary>
    /// Tags the target's span with how it ended (and, for a target with inputs, its fingerprint: the same key means the
    /// same inputs) and ends it when the run record says it did.
    /// </summary>
    public static void EndTarget(Activity? span, TargetFinishedEvent target, DateTimeOffset now, Exception? error, string? fingerprint = null)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TaskRunResult, Result(target.Status));
        span.SetTag(Status, target.Status.ToString());
        span.SetTag(Reason, target.Reason);
        span.SetTag(Fingerprint, fingerprint);
        foreach (var (name, value) in target.Outputs)
        {
            span.SetTag(OutputPrefix + name, value);
        }

        TagWellKnownOutputs(span, target.Outputs);
        if (target.Status == TargetStatus.Failed)
        {
            span.SetTag(ErrorType, error?.GetType().FullName ?? "_OTHER");
            span.SetStatus(ActivityStatusCode.Error, target.Error);
        }

        span.SetEndTime((target.FinishedAt ?? now).UtcDateTime);
        span.Stop();
    }

    /// <summary>Tags the run's span with its result and the run's commit, ref and digest, and ends it.</summary>
    public static void EndRun(Activity? run, RunResult result, DateTimeOffset finishedAt, IReadOnlyDictionary<string, string> outputs)
    {
        if (run is null)
        {
            return;
        }

        run.SetTag(PipelineResult, result switch
        {
            RunResult.Succeeded => "success",
            RunResult.Failed => "failure",
            _ => "cancellation",
        });
        TagWellKnownOutputs(run, outputs);
        if (result == RunResult.Failed)
        {
            run.SetTag(ErrorType, "_OTHER");
            run.SetStatus(ActivityStatusCode.Error, "a target failed");
        }

        run.SetEndTime(finishedAt.UtcDateTime);
        run.Stop();
    }

    /// <summary>
    /// The well-known values of <c>cicd.pipeline.task.run.result</c>. An up-to-date target did none of its work, so it is
    /// a skip; <c>deploy.target.status</c> tells it from one a condition skipped.
    /// </summary>
    public static string Result(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded or TargetStatus.Collective => "success",
        TargetStatus.Failed => "failure",
        TargetStatus.Aborted => "cancellation",
        _ => "skip",
    };

    private static void TagWellKnownOutputs(Activity span, IReadOnlyDictionary<string, string> outputs)
    {
        foreach (var (output, attribute) in WellKnownOutputs)
        {
            if (outputs.TryGetValue(output, out var value))
            {
                span.SetTag(attribute, value);
            }
        }
    }
}
