using Polly;
using Polly.Retry;
using Serilog;

namespace Deploy.Git.Clone;

/// <summary>
/// Retries transient network failures with exponential back-off and jitter (Polly); anything else fails at
/// once. Each retry is logged with the reason and the wait.
/// </summary>
internal static class RetryPolicy
{
    public static ResiliencePipeline Create(int retries, TimeSpan delay, TimeProvider time, ILogger log, string what)
    {
        if (retries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientGitException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                MaxDelay = TimeSpan.FromMinutes(1),
                OnRetry = arguments =>
                {
                    log.Warning(
                        "Could not {What} (attempt {Attempt} of {Attempts}): {Reason}; retrying in {Delay:0.0} s",
                        what,
                        arguments.AttemptNumber + 1,
                        retries + 1,
                        arguments.Outcome.Exception?.Message,
                        arguments.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }
}
