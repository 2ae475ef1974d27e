namespace Deploy.Rollout.Verify;

/// <summary>
/// Every check of the Verify target's parameters: its <c>Validates</c> runs them while planning, and
/// <see cref="VerifyRunner"/> runs them again before it evaluates, so a check exists once.
/// </summary>
internal static class VerifyChecks
{
    public static List<string> Problems(VerifyGates gates)
    {
        var problems = new List<string>();
        foreach (var url in gates.Urls)
        {
            if (!IsHttp(url))
            {
                problems.Add($"--verify-url '{Shown.Url(url)}' is not an http:// or https:// URL. Give the full address of a page the new version serves, such as http://127.0.0.1:8080/healthz.");
            }
        }

        if (gates.PrometheusUrl is { } prometheus && !IsHttp(prometheus))
        {
            problems.Add($"--prometheus-url '{Shown.Url(prometheus)}' is not an http:// or https:// URL. Give Prometheus's base address, such as http://127.0.0.1:9090.");
        }

        foreach (var query in gates.Queries.Where(string.IsNullOrWhiteSpace))
        {
            problems.Add($"--verify-query '{query}' is empty. Give a PromQL expression that is non-zero while the new version is good, such as 'up == 1'.");
        }

        if (gates.Queries.Count > 0 && gates.PrometheusUrl is null)
        {
            problems.Add($"--verify-query '{gates.Queries[0]}' needs a Prometheus to ask, but --prometheus-url is not given. Give Prometheus's base address, such as --prometheus-url http://127.0.0.1:9090.");
        }

        if (gates.For <= TimeSpan.Zero)
        {
            problems.Add($"--verify-for '{gates.For}' is not a positive duration. Give how long every gate must pass, such as 30s or 5m.");
        }

        if (gates.Interval <= TimeSpan.Zero)
        {
            problems.Add($"--verify-interval '{gates.Interval}' is not a positive duration. Give the time between evaluations, such as 5s.");
        }
        else if (gates.For > TimeSpan.Zero && gates.Interval > gates.For)
        {
            problems.Add($"--verify-interval '{gates.Interval}' is longer than --verify-for '{gates.For}', so the window would end before the second evaluation. Give an interval no longer than the window.");
        }

        if (!Enum.IsDefined(gates.Inconclusive))
        {
            problems.Add($"--verify-inconclusive '{gates.Inconclusive}' is not fail or pass. Give fail (the default) or pass.");
        }

        return problems;
    }

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0;
}
