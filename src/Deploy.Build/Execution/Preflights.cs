using System.Globalization;
using Deploy.Build.Planning;

namespace Deploy.Build.Execution;

/// <summary>
/// The <see cref="ITargetDefinition.Preflight"/> checks of a plan's targets (skipped ones left out), run together as
/// the run starts, each given <see cref="Limit"/>: an engine or cluster that does not answer fails the run in seconds,
/// before the first target changes anything.
/// </summary>
internal static class Preflights
{
    /// <summary>
    /// How long one check may take. An engine or cluster that is down fails at once (no socket, connection refused);
    /// the limit is for one that accepts and never answers. A healthy engine answers /_ping in milliseconds, but the
    /// first Kubernetes check of a process also loads and JITs the client, which took over 5 s on a busy 2-core CI
    /// machine: 15 s keeps that from failing a good run, and still fails long before a Compile would have ended.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>The problems, one per distinct failure, naming the targets whose checks reported it; empty when all passed.</summary>
    /// <param name="plan">The plan to check.</param>
    /// <param name="time">The run's clock (bounds each check).</param>
    /// <param name="cancellationToken">Ctrl+C: the checks stop, and report nothing (the run then ends as cancelled).</param>
    public static async Task<List<string>> RunAsync(ExecutionPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = plan.Targets.Where(t => t.SkipReason is null)
            .SelectMany(t => t.Spec.Preflights.Select(check => (t.Name, Check: check)))
            .ToList();
        var failures = await Task.WhenAll(checks.Select(c => RunOneAsync(c.Name, c.Check, time, cancellationToken))).ConfigureAwait(false);
        return checks.Zip(failures)
            .Where(c => c.Second is not null)
            .GroupBy(c => c.Second!, StringComparer.Ordinal)
            .Select(g => $"Preflight of {string.Join(", ", g.Select(c => c.First.Name).Distinct(StringComparer.Ordinal))}: {g.Key}")
            .ToList();
    }

    private static async Task<string?> RunOneAsync(string target, Func<CancellationToken, Task> check, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(Limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            // Task.Run: a check that blocks before its first await must not hold up the others. WaitAsync: one that
            // ignores its token is still given up on at the limit.
            await Task.Run(() => check(linked.Token), CancellationToken.None).WaitAsync(Limit, time, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is TimeoutException || limit.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the check of {target} did not finish within {Limit.TotalSeconds:0} s. Check that the server it needs answers, or skip the target.");
        }
        catch (Exception exception)
        {
            return exception.Message;
        }
    }
}
