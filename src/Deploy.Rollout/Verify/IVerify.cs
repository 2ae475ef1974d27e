using Deploy.Build;

namespace Deploy.Rollout.Verify;

/// <summary>
/// The <c>Verify</c> target: verification gates after <c>Rollout</c>, before the run is called a success. Every
/// <c>--verify-url</c> must answer 2xx and every <c>--verify-query</c> (PromQL, against <c>--prometheus-url</c>) must
/// give a non-empty result whose every sample is non-zero, at the start of the window and then every
/// <c>--verify-interval</c> for <c>--verify-for</c>. A failed gate, or a Ctrl+C meanwhile, rolls the rollout back
/// exactly as a failed rollout does (Docker: the previous container; Kubernetes: undo of every workload). Planned only
/// when a gate is given.
/// </summary>
public interface IVerify : IRollout
{
    [Parameter("Verify: URL that must answer 2xx on every probe for --verify-for after the rollout (repeatable)")]
    Uri[] VerifyUrl => GetParameter<Uri[]>() ?? [];

    [Parameter("Verify: PromQL query that must give a non-empty result with every sample non-zero on every evaluation, such as 'rate(errors_total[1m]) < bool 0.1' (repeatable; needs --prometheus-url)")]
    string[] VerifyQuery => GetParameter<string[]>() ?? [];

    [Parameter("Verify: Prometheus's base URL for --verify-query, such as http://127.0.0.1:9090 (its HTTP API /api/v1/query is asked)")]
    Uri? PrometheusUrl => GetParameter<Uri>();

    [Parameter("Verify: how long every gate must keep passing after the rollout")]
    TimeSpan VerifyFor => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(30);

    [Parameter("Verify: time between evaluations of the gates, at most --verify-for")]
    TimeSpan VerifyInterval => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(5);

    [Parameter("Verify: what an empty query result or an unreachable Prometheus counts as: fail (roll back, the default) or pass")]
    InconclusiveResult VerifyInconclusive => GetParameter<InconclusiveResult?>() ?? InconclusiveResult.Fail;

    // Docker: the previous version must survive the rollout until the gates pass, so that a failed gate can put it back.
    bool IRollout.KeepPreviousVersion => VerifyGates.Of(this).Any;

    /// <summary>Checks the deployed version with the gates and keeps it, or rolls it back.</summary>
    Target Verify => _ => _
        .Description("Check the deployed version with --verify-url / --verify-query for --verify-for; roll it back when a gate fails")
        // Triggered, not depending: Rollout plans it, and it runs only once Rollout succeeded. (DependsOn as well would
        // make each plan the other, and a workflow job could name neither.)
        .TriggeredBy<IRollout>(x => x.Rollout)
        .OnlyWhenStatic(() => VerifyGates.Of(this).Any, "no --verify-url or --verify-query is given, so nothing is verified after the rollout")
        .Validates(() => VerifyChecks.Problems(VerifyGates.Of(this)))
        .Produces("verified", () => VerifyState.Of(this).Outcome is { Passed: true } ? "passed" : null)
        .Produces("evaluations", () => VerifyState.Of(this).Outcome?.Evaluations)
        .Executes(async ct => await VerifyRunner.RunAsync(this, ct).ConfigureAwait(false));
}
