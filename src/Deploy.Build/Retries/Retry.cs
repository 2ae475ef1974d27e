using Polly;
using Polly.Retry;

namespace Deploy.Build.Retries;

/// <summary>
/// Retries an operation whose failures may pass (a registry that restarts, a dropped connection), on Polly's retry
/// strategy: exponential back-off with jitter and a cap, on the run's clock, what is transient decided by the caller,
/// each retry logged once ("Could not push … (attempt 1 of 4): 503 Service Unavailable; retrying in 1.2 s"). The last
/// failure, or the first one that is not transient, is thrown as it is; cancelling throws an
/// <see cref="OperationCanceledException"/> for the caller's token, also during a wait.
/// </summary>
public static class Retry
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries are spent; returns its result.</summary>
    public static async Task<T> RunAsync<T>(RetryOptions options, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(attempt);
        return await Pipeline(options).ExecuteAsync(async token => await attempt(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries are spent.</summary>
    public static Task RunAsync(RetryOptions options, Func<CancellationToken, Task> attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return RunAsync(
            options,
            async token =>
            {
                await attempt(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    private static ResiliencePipeline Pipeline(RetryOptions options)
    {
        if (options.Retries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception
                    && exception is not OperationCanceledException
                    && options.IsTransient(exception)),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.Jitter,
                Delay = options.Delay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(options.FirstRetryAtOnce && arguments.AttemptNumber == 0 ? TimeSpan.Zero : null),
                OnRetry = arguments =>
                {
                    options.Log.Write(
                        options.Level,
                        "Could not {What:l} (attempt {Attempt} of {Attempts}): {Reason:l}; retrying in {Delay:0.0} s",
                        options.What,
                        arguments.AttemptNumber + 1,
                        options.Retries + 1,
                        arguments.Outcome.Exception?.Message,
                        arguments.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }
}
