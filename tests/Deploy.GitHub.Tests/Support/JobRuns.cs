using Deploy.Build;

namespace Deploy.GitHub.Tests.Support;

/// <summary>
/// What each job of a generated workflow runs, by the engine's own planner: the targets its command plans and its
/// <c>--skip</c> does not skip (a target its static condition skips here counts as run: in CI the condition may hold).
/// </summary>
internal static class JobRuns
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(WorkflowFile workflow, BuildDescription build) =>
        workflow.JobIds.ToDictionary(id => id, id =>
        {
            var words = workflow.Run(id).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("./build.sh", words[0]);
            var skipAt = Array.IndexOf(words, "--skip");
            var invoke = words[1..(skipAt < 0 ? words.Length : skipAt)];
            var skip = skipAt < 0 ? null : words[(skipAt + 1)..];
            var unskipped = build.Plan(invoke).Targets.ToDictionary(t => t.Name, t => t.SkipReason);
            return (IReadOnlyList<string>)build.Plan(invoke, skip).Targets.Where(t => t.SkipReason == unskipped[t.Name]).Select(t => t.Name).ToList();
        });

    /// <summary>Every target a run of the default targets plans runs in exactly one job, and nothing else runs.</summary>
    public static void AssertEachTargetRunsOnce(WorkflowFile workflow, BuildDescription build)
    {
        var runs = Of(workflow, build);
        var planned = build.Plan(build.DefaultTargets).Targets.Select(t => t.Name).ToList();
        foreach (var target in planned)
        {
            var jobs = runs.Where(r => r.Value.Contains(target)).Select(r => r.Key).ToList();
            Assert.True(jobs.Count == 1, $"{target} runs in {jobs.Count} jobs ({string.Join(", ", jobs)}), not exactly one:\n{workflow.Text}");
        }

        Assert.Equal(planned.Order(StringComparer.Ordinal), runs.Values.SelectMany(r => r).Order(StringComparer.Ordinal));
    }
}
